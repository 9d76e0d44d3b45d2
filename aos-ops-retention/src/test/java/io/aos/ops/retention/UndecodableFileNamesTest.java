package io.aos.ops.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.retention.archive.ArchiveFormat;
import io.aos.ops.retention.archive.ArchiveReader;
import io.aos.ops.retention.archive.ArchiveReport;
import io.aos.ops.retention.archive.ArchiveVerifier;
import io.aos.ops.retention.archive.Archiver;
import io.aos.ops.retention.archive.Manifest;
import io.aos.ops.retention.cleanup.Cleaner;
import io.aos.ops.retention.scan.ExactName;
import io.aos.ops.retention.scan.LeftFile;
import io.aos.ops.retention.status.StatusScanner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files whose names are not valid UTF-8 (a raw {@code 0xE9}) next to one whose valid name holds U+FFFD: Java decodes
 * both to the same string, so neither may be archived or deleted by it. The files are made by {@code /bin/sh}'s
 * {@code printf} with octal escapes, the only way to give a file a name of raw bytes whatever the test JVM's locale
 * (a Java string cannot carry an undecodable byte); they are then found, read and dated through the paths a directory
 * listing gives, which keep the bytes of the name.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class UndecodableFileNamesTest {

    /** {@code run-<0xE9>.golden.json}: not UTF-8. */
    private static final String RAW_E9 = "run-\\351.golden.json";
    /** {@code run-\uFFFD.golden.json}, valid UTF-8 (EF BF BD). */
    private static final String VALID_FFFD = "run-\\357\\277\\275.golden.json";

    @TempDir
    Path tmp;

    private GoldenTree tree;

    @BeforeEach
    void shell() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh to make raw-byte names");
        tree = new GoldenTree(tmp);
    }

    /** The bug as reported: the valid file was deleted, the archive held its content twice and failed verify. */
    @Test
    void twoNamesThatDecodeAlikeAreBothLeftWithTheirContentAndTheRestIsArchived() throws Exception {
        makeRaw(tree.golden, Map.of(VALID_FFFD, "A", RAW_E9, "B"));
        age(tree.golden, Map.of("A", Duration.ofDays(3), "B", Duration.ofDays(9)));
        tree.file("ok.golden.json", Duration.ofDays(2));

        ArchiveReport report = new Archiver(tree.settings(), tree.log()).archive(1, ArchiveFormat.GZIP, false);

        assertThat(report.ok()).isTrue();
        ArchiveReport.DirectoryOutcome outcome = report.directories().get(0);
        assertThat(outcome.removed()).isEqualTo(1);
        assertThat(outcome.kept()).isZero();
        String name = "run-" + ExactName.REPLACEMENT + ".golden.json";
        String why = ExactName.problemWith(name);
        assertThat(outcome.left()).containsExactly(new LeftFile(name, why), new LeftFile(name, why));
        assertThat(contentsByRawName(tree.golden)).containsOnly(Map.entry(bytesOf(VALID_FFFD), "A"),
                Map.entry(bytesOf(RAW_E9), "B"));
        ArchiveVerifier.Result verified = ArchiveVerifier.verify(outcome.archive());
        assertThat(verified.ok()).as(verified.reason()).isTrue();
        assertThat(verified.manifest()).extracting(Manifest.Entry::path).containsExactly("ok.golden.json");
        assertThat(tree.console.stream().filter(l -> l.startsWith("Left ") && l.contains(" unarchived: " + why)))
                .hasSize(2);
    }

    @Test
    void aDryRunSaysItWouldLeaveThemAndChangesNothing() throws Exception {
        makeRaw(tree.golden, Map.of(VALID_FFFD, "A", RAW_E9, "B"));
        age(tree.golden, Map.of("A", Duration.ofDays(3), "B", Duration.ofDays(9)));

        ArchiveReport report = new Archiver(tree.settings(), tree.log()).archive(1, ArchiveFormat.GZIP, true);

        assertThat(report.directories().get(0).left()).hasSize(2);
        assertThat(report.directories().get(0).selected()).isZero();
        assertThat(tree.console).filteredOn(l -> l.startsWith("[DRY-RUN] Would leave ")).hasSize(2);
        assertThat(contentsByRawName(tree.golden)).hasSize(2);
    }

    @Test
    void cleanupLeavesNamesItCannotTellApartAndDeletesTheRest() throws Exception {
        makeRaw(tree.golden, Map.of(VALID_FFFD, "A", RAW_E9, "B"));
        age(tree.golden, Map.of("A", Duration.ofDays(3), "B", Duration.ofDays(9)));
        tree.file("ok.golden.json", Duration.ofDays(2));

        Cleaner.Report report = new Cleaner(tree.settings(), tree.log()).cleanup(1, false, Cleaner.FORCED);

        assertThat(report.deleted()).isEqualTo(1);
        assertThat(report.directories().get(0).selected()).isEqualTo(1);
        assertThat(report.directories().get(0).left()).extracting(LeftFile::reason)
                .containsOnly(ExactName.problemWith("\uFFFD"));
        assertThat(contentsByRawName(tree.golden)).containsOnly(Map.entry(bytesOf(VALID_FFFD), "A"),
                Map.entry(bytesOf(RAW_E9), "B"));
        assertThat(tree.console).filteredOn(l -> l.startsWith("Left ") && l.contains(" in place: ")).hasSize(2);
    }

    @Test
    void statusCountsThemAsFiles() throws Exception {
        makeRaw(tree.golden, Map.of(VALID_FFFD, "A", RAW_E9, "B"));
        tree.file("ok.golden.json", Duration.ofDays(2));

        assertThat(new StatusScanner(tree.settings()).status().directories().get(0).files()).isEqualTo(3);
    }

    /**
     * Generated names of valid and invalid UTF-8 pieces (a raw {@code 0xE9} or {@code 0xFF}, a cut-short sequence, an
     * encoded surrogate, U+FFFD itself, {@code é}), several decoding alike. The oracle decodes each generated name
     * strictly: a name that is valid UTF-8 without U+FFFD is archived and removed, any other stays with its content,
     * and no content is lost or archived twice.
     */
    @Test
    void generatedNamesAreArchivedExactlyWhenTheyAreValidUtf8WithoutReplacementCharacters() throws Exception {
        Assumptions.assumeTrue(ExactName.problemWith("é") == null && "UTF-8".equalsIgnoreCase(
                System.getProperty("sun.jnu.encoding")), "file names read as UTF-8");
        String[] pieces = {"a", "b7", "\\303\\251", "\\351", "\\377", "\\303", "\\355\\240\\200", "\\357\\277\\275"};
        Random random = new Random(20261203);
        for (int round = 0; round < 8; round++) {
            Path dir = Files.createDirectories(tree.golden.resolve("r" + round));
            Map<String, String> named = new HashMap<>(); // octal-escaped name -> content
            for (int i = 0; i < 12; i++) {
                StringBuilder name = new StringBuilder("w");
                for (int n = random.nextInt(3); n >= 0; n--) {
                    name.append(pieces[random.nextInt(pieces.length)]);
                }
                named.putIfAbsent(name + ".golden.json", "content " + round + "-" + i);
            }
            makeRaw(dir, named);
        }
        Map<List<Byte>, String> before = contentsByRawName(tree.golden);
        age(tree.golden, Duration.ofDays(2));

        ArchiveReport report = new Archiver(tree.settings(), tree.log()).archive(1, ArchiveFormat.ZSTD, false);

        assertThat(report.ok()).isTrue();
        Map<String, String> archived = new HashMap<>();
        ArchiveReader.Contents contents = ArchiveReader.read(report.directories().get(0).archive(),
                ArchiveFormat.ZSTD, new Collecting(archived));
        assertThat(contents.members()).hasSameSizeAs(archived.keySet());
        Map<List<Byte>, String> after = contentsByRawName(tree.golden);
        for (Map.Entry<List<Byte>, String> file : before.entrySet()) {
            String exact = strictUtf8(file.getKey());
            if (exact != null && exact.indexOf('\uFFFD') < 0) {
                assertThat(after).as(exact).doesNotContainKey(file.getKey());
                assertThat(archived).as(exact).containsEntry(exact, file.getValue());
            } else {
                assertThat(after).as("%s", file.getKey()).containsEntry(file.getKey(), file.getValue());
            }
        }
        assertThat(archived.values()).doesNotHaveDuplicates();
        assertThat(archived.size() + after.size()).isEqualTo(before.size());
    }

    /** Makes each file of {@code octalNames} (names as {@code printf} escapes) in {@code dir} with its content. */
    private static void makeRaw(Path dir, Map<String, String> octalNames) throws Exception {
        StringBuilder script = new StringBuilder("cd \"$1\" || exit 1\n");
        octalNames.forEach((name, content) -> script.append("printf '%s' '").append(content)
                .append("' > \"$(printf '").append(name).append("')\" || exit 1\n"));
        Process p = new ProcessBuilder("/bin/sh", "-c", script.toString(), "sh", dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }

    /** Dates each file of {@code dir} by its content. */
    private static void age(Path dir, Map<String, Duration> byContent) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Duration age = byContent.get(Files.readString(file));
                Files.setLastModifiedTime(file, FileTime.from(GoldenTree.NOW.minus(age)));
            }
        }
    }

    /** Dates every regular file below {@code dir}. */
    private static void age(Path dir, Duration age) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, FileTime.from(GoldenTree.NOW.minus(age)));
            }
        }
    }

    /**
     * Content of every regular file below {@code dir} by the raw bytes of its path below it: read through the paths of
     * directory listings, which keep a name's bytes where its string does not.
     */
    private static Map<List<Byte>, String> contentsByRawName(Path dir) throws IOException {
        Map<List<Byte>, String> out = new HashMap<>();
        collect(dir, new byte[0], out);
        return out;
    }

    private static void collect(Path dir, byte[] prefix, Map<List<Byte>, String> out) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                byte[] name = rawName(entry);
                byte[] path = new byte[prefix.length + name.length];
                System.arraycopy(prefix, 0, path, 0, prefix.length);
                System.arraycopy(name, 0, path, prefix.length, name.length);
                if (Files.isDirectory(entry)) {
                    byte[] slash = java.util.Arrays.copyOf(path, path.length + 1);
                    slash[path.length] = '/';
                    collect(entry, slash, out);
                } else if (Files.isRegularFile(entry)) {
                    out.put(boxed(path), Files.readString(entry));
                }
            }
        }
    }

    /**
     * The bytes of a listed entry's file name: sun.nio.fs.UnixPath keeps them, and {@code toUri} percent-encodes
     * every byte that is not plain ASCII, so it gives them back without any decoding.
     */
    private static byte[] rawName(Path entry) {
        String uri = entry.toUri().getRawPath();
        if (uri.endsWith("/")) {
            uri = uri.substring(0, uri.length() - 1);
        }
        String last = uri.substring(uri.lastIndexOf('/') + 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < last.length(); i++) {
            char c = last.charAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(last.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toByteArray();
    }

    /** The bytes an octal-escaped name stands for. */
    private static List<Byte> bytesOf(String octalName) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < octalName.length(); i++) {
            if (octalName.charAt(i) == '\\') {
                bytes.write(Integer.parseInt(octalName.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                bytes.write(octalName.charAt(i));
            }
        }
        return boxed(bytes.toByteArray());
    }

    private static List<Byte> boxed(byte[] bytes) {
        List<Byte> out = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            out.add(b);
        }
        return out;
    }

    /** The name decoded as strict UTF-8, or null when it is not valid UTF-8: the oracle's own decoder. */
    private static String strictUtf8(List<Byte> name) {
        byte[] bytes = new byte[name.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = name.get(i);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Keeps every member's content by name. */
    private record Collecting(Map<String, String> contents) implements ArchiveReader.MemberSink {
        @Override
        public OutputStream begin(String name, long size) {
            return new ByteArrayOutputStream() {
                @Override
                public void close() {
                    contents.put(name, toString(StandardCharsets.UTF_8));
                }
            };
        }

        @Override
        public void end(String name, byte[] sha256) {
        }
    }
}
