package io.aos.ops.retention.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestTest {

    private static byte[] sha(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void renderedManifestParsesBackToTheSameEntries() throws Exception {
        List<Manifest.Entry> entries = List.of(
                new Manifest.Entry("w0/a.golden.json", 412, 1_764_000_123L, Manifest.prefixOf(sha("a"))),
                new Manifest.Entry("w1/b.steps.jsonl", 0, 1_763_999_000L, Manifest.prefixOf(sha("b"))));

        assertThat(Manifest.parse(Manifest.render(entries))).isEqualTo(entries);
    }

    @Test
    void mtimesAreWrittenAsSecondsAfterTheOldest() throws Exception {
        byte[] text = Manifest.render(List.of(
                new Manifest.Entry("a.json", 1, 1_764_000_123L, Manifest.prefixOf(sha("a"))),
                new Manifest.Entry("b.json", 1, 1_764_000_000L, Manifest.prefixOf(sha("b")))));

        assertThat(new String(text, StandardCharsets.UTF_8))
                .startsWith("aos-retention-manifest 2\ncolumns path size mtime sha256-32\ncount 2\n"
                        + "mtime-base 1764000000\na.json\nb.json\n1\n1\n123\n0\n");
    }

    @Test
    void versionOneManifestIsStillReadWithItsChecksumComparedOn32Bits() throws Exception {
        byte[] digest = sha("a");
        String prefix64 = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(java.util.Arrays.copyOf(digest, 8));
        String v1 = "aos-retention-manifest 1\ncolumns path size mtime sha256-64\ncount 1\n"
                + "a.json\n7\n1764000000\n" + prefix64 + "\n";

        assertThat(Manifest.parse(v1.getBytes(StandardCharsets.UTF_8)))
                .containsExactly(new Manifest.Entry("a.json", 7, 1_764_000_000L, Manifest.prefixOf(digest)));
    }

    @Test
    void aChecksumOfTheWrongLengthIsMalformed() {
        String bad = "aos-retention-manifest 2\ncolumns path size mtime sha256-32\ncount 1\nmtime-base 5\n"
                + "a.json\n7\n0\nAAAAAAAAAAA\n";

        assertThatThrownBy(() -> Manifest.parse(bad.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ArchiveDamage.class).hasMessageContaining("malformed");
    }
}
