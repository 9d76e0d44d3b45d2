package io.aos.ops.retention.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.retention.CraftedArchive;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code .sha256} line is read as {@code sha256sum -c} reads it, and must name the archive it sits beside
 * ({@code ChecksumFileSha256sumIT} holds the verdicts against the real {@code sha256sum}).
 */
class ChecksumFileTest {

    private static final String SHA = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";

    @TempDir
    Path tmp;

    private static String parse(String text) {
        return ChecksumFile.parse(text.getBytes(StandardCharsets.UTF_8), "g.tgz.sha256", "g.tgz");
    }

    @Test
    void aChecksumFileNamingAnotherArchiveFailsVerificationNamingBoth() throws Exception {
        byte[] tar = CraftedArchive.tar(List.of(CraftedArchive.Member.file("a.golden.json", "{}")));
        Path archive = CraftedArchive.write(tmp.resolve("g.tgz"), CraftedArchive.compressed(ArchiveFormat.GZIP, tar));
        Path copy = Files.copy(archive, tmp.resolve("copy.tgz"));
        String line = Files.readString(ChecksumFile.of(archive));
        Files.writeString(ChecksumFile.of(archive), line.replace("g.tgz", "copy.tgz"));

        ArchiveVerifier.Result r = ArchiveVerifier.verify(archive);

        assertThat(r.ok()).isFalse();
        assertThat(r.reason()).isEqualTo("checksum file g.tgz.sha256 names another file ('copy.tgz'), not g.tgz: "
                + "it is not this archive's checksum");
        assertThat(copy).exists();
    }

    @Test
    void upperAndMixedCaseHexIsAcceptedAsSha256sumAcceptsIt() {
        assertThat(parse(SHA.toUpperCase(Locale.ROOT) + "  g.tgz\n")).isEqualTo(SHA);
        assertThat(parse(SHA.substring(0, 32).toUpperCase(Locale.ROOT) + SHA.substring(32) + "  g.tgz\n"))
                .isEqualTo(SHA);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%s  g.tgz\n", "%s  g.tgz", "%s *g.tgz\n", "%s g.tgz\n", "%s\tg.tgz\n", "%s\t*g.tgz\n",
        "%s  g.tgz\r\n", "  %s  g.tgz\n", "\\%s  g.tgz\n"})
    void everyLineFormSha256sumReadsForThisArchiveGivesItsDigest(String form) {
        assertThat(parse(String.format(form, SHA))).isEqualTo(SHA);
    }

    @Test
    void aNameWithSha256sumsEscapesIsUnescaped() {
        assertThat(ChecksumFile.parse(("\\" + SHA + "  a\\\\b\\nc.tgz\n").getBytes(StandardCharsets.UTF_8),
                "x.sha256", "a\\b\nc.tgz")).isEqualTo(SHA);
    }

    @Test
    void aLineWithoutAFileNameIsMalformed() {
        assertThatThrownBy(() -> parse(SHA + "\n")).isInstanceOf(ArchiveDamage.class)
                .hasMessage("checksum file g.tgz.sha256 is malformed: it does not start with a 64-digit hex SHA-256");
        assertThatThrownBy(() -> parse(SHA + "  \n")).isInstanceOf(ArchiveDamage.class)
                .hasMessage("checksum file g.tgz.sha256 is malformed: no file name after the SHA-256");
    }

    @Test
    void aSecondLineIsMalformed() {
        assertThatThrownBy(() -> parse(SHA + "  g.tgz\n" + SHA + "  other.tgz\n")).isInstanceOf(ArchiveDamage.class)
                .hasMessage("checksum file g.tgz.sha256 is malformed: it holds more than one line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%s  ./g.tgz\n", "%s  /archive/g.tgz\n", "%s   g.tgz\n", "%s  g.tgz \n",
        "%s\t\tg.tgz\n", "%s  G.tgz\n", "%s  g.tgz\r\r\n", "%s  *g.tgz\n"})
    void aLineNamingAnyOtherPathIsRefusedNamingIt(String form) {
        assertThatThrownBy(() -> parse(String.format(form, SHA))).isInstanceOf(ArchiveDamage.class)
                .hasMessageStartingWith("checksum file g.tgz.sha256 names another file ('")
                .hasMessageEndingWith("'), not g.tgz: it is not this archive's checksum");
    }

    @Test
    void aControlCharacterInTheNamedFileIsShownEscaped() {
        assertThatThrownBy(() -> parse(SHA + "  \u001b[31mg.tgz\n"))
                .hasMessageContaining("names another file ('\\x1b[31mg.tgz')");
    }

    @Test
    void theLineTheArchiverWritesReadsBack() {
        assertThat(ChecksumFile.parse(ChecksumFile.line(Path.of("/a/g.tgz"), SHA).getBytes(StandardCharsets.UTF_8),
                "g.tgz.sha256", "g.tgz")).isEqualTo(SHA);
    }
}
