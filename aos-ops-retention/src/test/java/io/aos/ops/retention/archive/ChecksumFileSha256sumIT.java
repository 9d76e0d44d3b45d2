package io.aos.ops.retention.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential: for generated one-line checksum files beside an archive, {@link ChecksumFile#parse} accepts exactly
 * the lines the real GNU {@code sha256sum -c} accepts, run in a directory holding only that archive (so a line that
 * names another file fails there too). The lines vary what {@code sha256sum} lets vary: the digest's case, leading
 * blanks, the separator, the mode flag, the escape prefix, a carriage return, the final newline; and what makes a
 * line wrong: another name, a changed digest digit, a missing name.
 */
class ChecksumFileSha256sumIT {

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theVerdictOnAChecksumLineIsSha256sums() throws Exception {
        assumeTrue(sha256sumExists(), "GNU sha256sum is not installed");
        Path dir = Files.createDirectories(tmp.resolve("archives"));
        Path archive = Files.write(dir.resolve("g.tgz"), "archive bytes\n".getBytes(StandardCharsets.UTF_8));
        String sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(archive)));
        Path checksum = ChecksumFile.of(archive);
        Random random = new Random(256);
        int accepted = 0;
        for (int round = 0; round < 150; round++) {
            byte[] line = line(random, sha);
            Files.write(checksum, line);
            boolean oracle = sha256sumAccepts(dir, checksum);
            boolean ours;
            try {
                ours = ChecksumFile.parse(line, checksum.getFileName().toString(), "g.tgz").equals(sha);
            } catch (ArchiveDamage e) {
                ours = false;
            }
            assertThat(ours).as("round %d, line '%s'", round, new String(line, StandardCharsets.ISO_8859_1))
                    .isEqualTo(oracle);
            accepted += oracle ? 1 : 0;
        }
        assertThat(accepted).as("the generator makes good lines as well as bad").isBetween(20, 130);
    }

    /** One checksum line, each part drawn from what sha256sum does and does not accept. */
    private static byte[] line(Random random, String sha) {
        String digest = switch (random.nextInt(4)) {
            case 0 -> sha.toUpperCase(Locale.ROOT);
            case 1 -> sha.substring(0, 20).toUpperCase(Locale.ROOT) + sha.substring(20);
            case 2 -> random.nextInt(3) == 0 ? flipped(sha, random) : sha;
            default -> sha;
        };
        String lead = List.of("", "", "", " ", "\t", "  ").get(random.nextInt(6));
        String escape = random.nextInt(5) == 0 ? "\\" : "";
        String separator = List.of(" ", " ", "\t", "").get(random.nextInt(4));
        String flag = List.of(" ", " ", "*", "", "  ", "\t").get(random.nextInt(6));
        String name = List.of("g.tgz", "g.tgz", "g.tgz", "copy.tgz", "g.tgz ", "g.tgz.sha256", "", "G.tgz")
                .get(random.nextInt(8));
        String end = List.of("\n", "\n", "", "\r\n", "\r", "\r\r\n").get(random.nextInt(6));
        return (lead + escape + digest + separator + flag + name + end).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String flipped(String sha, Random random) {
        int i = random.nextInt(sha.length());
        char c = sha.charAt(i) == '0' ? '1' : '0';
        return sha.substring(0, i) + c + sha.substring(i + 1);
    }

    private static boolean sha256sumAccepts(Path dir, Path checksum) throws Exception {
        Process p = new ProcessBuilder("sha256sum", "--status", "-c", checksum.getFileName().toString())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        ByteArrayOutputStream ignored = new ByteArrayOutputStream();
        p.getInputStream().transferTo(ignored);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("sha256sum finished").isTrue();
        return p.exitValue() == 0;
    }

    private static boolean sha256sumExists() {
        try {
            Process p = new ProcessBuilder("sha256sum", "--version").redirectErrorStream(true).start();
            p.getInputStream().transferTo(new ByteArrayOutputStream());
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
