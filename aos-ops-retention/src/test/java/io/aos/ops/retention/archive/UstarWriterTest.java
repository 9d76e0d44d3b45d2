package io.aos.ops.retention.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class UstarWriterTest {

    private static final String LONG = "w1/" + "deep/".repeat(25) + "run-0001.steps.jsonl";
    private static final String NON_ASCII = "w2/prüfung-ß.golden.json";

    @TempDir
    Path tmp;

    /** name -> {content, mtime}: a plain name, a 150-byte name, a non-ASCII one, an empty file, a pre-1970 mtime. */
    private static Map<String, Object[]> members() {
        Map<String, Object[]> m = new LinkedHashMap<>();
        m.put("primary-w0-1.golden.json", new Object[] {"{\"a\":1}\n", 1_764_300_000L});
        m.put(LONG, new Object[] {"x".repeat(1_000), 1_764_300_001L});
        m.put(NON_ASCII, new Object[] {"{\"ü\":true}", 1_764_300_002L});
        m.put("empty.json", new Object[] {"", 1_764_300_003L});
        m.put("old.json", new Object[] {"{}", -86_400L});
        return m;
    }

    private static byte[] archive() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        UstarWriter tar = new UstarWriter(bytes);
        for (var e : members().entrySet()) {
            tar.putFile(e.getKey(), ((String) e.getValue()[0]).getBytes(StandardCharsets.UTF_8),
                    (Long) e.getValue()[1], TarPacker.FILE_MODE);
        }
        tar.finish();
        return bytes.toByteArray();
    }

    @Test
    void commonsCompressReadsEveryNameContentAndMtimeBack() throws Exception {
        byte[] tar = archive();
        assertThat(tar.length % (20 * UstarWriter.BLOCK)).isZero();
        Map<String, Object[]> expected = members();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry entry;
            int n = 0;
            while ((entry = in.getNextEntry()) != null) {
                Object[] want = expected.get(entry.getName());
                assertThat(want).as(entry.getName()).isNotNull();
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(want[0]);
                assertThat(entry.getLastModifiedTime().to(TimeUnit.SECONDS)).isEqualTo(want[1]);
                assertThat(entry.isFile()).isTrue();
                assertThat(entry.getMode() & 07777).isEqualTo(0640);
                assertThat(entry.getLongUserId()).isZero();
                assertThat(entry.getUserName()).isEmpty();
                n++;
            }
            assertThat(n).isEqualTo(expected.size());
        }
    }

    @Test
    void gnuTarExtractsTheSameFiles() throws Exception {
        Path archive = tmp.resolve("a.tar");
        Files.write(archive, archive());
        Path out = Files.createDirectories(tmp.resolve("out"));
        Process tar = new ProcessBuilder("tar", "-xf", archive.toString(), "-C", out.toString())
                .redirectErrorStream(true).start();
        String said = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as(said).isZero();
        for (var e : members().entrySet()) {
            Path file = out.resolve(e.getKey());
            assertThat(Files.readString(file)).as(e.getKey()).isEqualTo(e.getValue()[0]);
            assertThat(Files.getLastModifiedTime(file).to(TimeUnit.SECONDS)).isEqualTo(e.getValue()[1]);
        }
    }

    @Test
    void aPaxRecordCountsItsOwnLengthAcrossADigitBoundary() {
        for (String value : List.of("a", "x".repeat(89), "x".repeat(90), "x".repeat(94), "x".repeat(990))) {
            String record = UstarWriter.paxRecord("path", value);
            int length = Integer.parseInt(record.substring(0, record.indexOf(' ')));
            assertThat(record.getBytes(StandardCharsets.UTF_8)).hasSize(length);
        }
    }

    @Test
    void theSameMembersGiveTheSameBytes() throws Exception {
        assertThat(archive()).isEqualTo(archive());
    }
}
