package io.aos.ops.retention.archive;

import io.aos.ops.core.io.IoReason;
import io.aos.ops.retention.CraftedArchive;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crafted archives whose honest size is small and whose headers or tails claim gigabytes: each is refused with one
 * reason after reading at most a few MiB, instead of running the verifier out of memory or time.
 */
class ArchiveBombTest {

    private static final int MIB = 1 << 20;

    @TempDir
    Path tmp;

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] filled(int size, char c) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) c);
        return b;
    }

    /**
     * A meta header ({@code type} x or L) whose content is {@code mibs} MiB of 'a' plus {@code prefix} and a newline,
     * then an ordinary member: about 1 KB of compressed file per MiB claimed.
     */
    private Path headerBomb(ArchiveFormat format, byte type, String prefixBeforeLength, int mibs) throws Exception {
        long size = (long) mibs * MIB + 1;
        String prefix = prefixBeforeLength;
        if (type == TarConstants.LF_PAX_EXTENDED_HEADER_LC) {
            // "<len> path=<value>\n" where len counts the whole record, itself included
            size += "0000000000 path=".length();
            prefix = size + " path=";
        } else {
            size += prefix.length();
        }
        byte[] head = CraftedArchive.compressed(format, concat(
                CraftedArchive.header(type == TarConstants.LF_GNUTYPE_LONGNAME ? "././@LongLink" : "././@PaxHeader",
                        type, size), prefix.getBytes(StandardCharsets.US_ASCII)));
        byte[] chunk = CraftedArchive.compressed(format, filled(MIB, 'a'));
        int pad = (int) ((512 - size % 512) % 512);
        byte[] tail = CraftedArchive.compressed(format, concat(new byte[] {'\n'}, new byte[pad],
                CraftedArchive.header("x.json", TarConstants.LF_NORMAL, 0), new byte[1024]));
        return CraftedArchive.write(tmp.resolve("bomb" + format.extension()), head, chunk, mibs, tail);
    }

    @ParameterizedTest
    @EnumSource(ArchiveFormat.class)
    @Timeout(60)
    void aPaxHeaderClaimingTwoGibibytesIsRefusedNotRead(ArchiveFormat format) throws Exception {
        Path bomb = headerBomb(format, TarConstants.LF_PAX_EXTENDED_HEADER_LC, "", 2000);
        assertThat(Files.size(bomb)).isLessThan(8L * MIB);

        ArchiveVerifier.Result r = ArchiveVerifier.verify(bomb);

        assertThat(r.ok()).isFalse();
        assertThat(r.reason()).isEqualTo("tar headers of member 1 exceed 1 MiB (a PAX header or long name that "
                + "large is never written by archive); refused");
    }

    @Test
    @Timeout(60)
    void aGnuLongNameOfSixtyFourMebibytesIsRefusedNotRead() throws Exception {
        Path bomb = headerBomb(ArchiveFormat.GZIP, TarConstants.LF_GNUTYPE_LONGNAME, "x", 64);

        ArchiveVerifier.Result r = ArchiveVerifier.verify(bomb);

        assertThat(r.ok()).isFalse();
        assertThat(r.reason()).startsWith("tar headers of member 1 exceed 1 MiB");
    }

    /** A good archive followed by {@code mibs} MiB of decompressed zeros after the end of its tar stream. */
    private Path trailingZeros(ArchiveFormat format, int mibs) throws Exception {
        byte[] tar = CraftedArchive.tar(List.of(CraftedArchive.Member.file("a.golden.json", "{\"a\":1}")));
        byte[] zeros = CraftedArchive.compressed(format, new byte[MIB]);
        return CraftedArchive.write(tmp.resolve("tail" + mibs + format.extension()),
                CraftedArchive.compressed(format, tar), zeros, mibs, new byte[0]);
    }

    @ParameterizedTest
    @EnumSource(ArchiveFormat.class)
    @Timeout(60)
    void gibibytesOfZerosAfterTheEndOfTheTarAreRefusedNotDrained(ArchiveFormat format) throws Exception {
        Path bomb = trailingZeros(format, 4096);
        assertThat(Files.size(bomb)).isLessThan(8L * MIB);

        ArchiveVerifier.Result r = ArchiveVerifier.verify(bomb);

        assertThat(r.ok()).isFalse();
        assertThat(r.reason()).isEqualTo("more than 4 MiB after the end of the tar stream; refused");
    }

    @ParameterizedTest
    @EnumSource(ArchiveFormat.class)
    void aMebibyteOfZeroPaddingAfterTheEndStillVerifies(ArchiveFormat format) throws Exception {
        ArchiveVerifier.Result r = ArchiveVerifier.verify(trailingZeros(format, 1));

        assertThat(r.ok()).as(r.reason()).isTrue();
        assertThat(r.files()).isEqualTo(1);
    }

    @Test
    void dataOtherThanZerosAfterTheEndIsRefused() throws Exception {
        byte[] tar = CraftedArchive.tar(List.of(CraftedArchive.Member.file("a.golden.json", "{\"a\":1}")));
        Path archive = CraftedArchive.write(tmp.resolve("smuggled.tgz"),
                CraftedArchive.compressed(ArchiveFormat.GZIP, concat(tar, "smuggled".getBytes(StandardCharsets.UTF_8))));

        ArchiveVerifier.Result r = ArchiveVerifier.verify(archive);

        assertThat(r.ok()).isFalse();
        assertThat(r.reason()).isEqualTo("data other than zeros after the end of the tar stream");
    }

    @Test
    void aChecksumFileThatIsNotTextSaysWhatIsWrongWithWhichFile() throws Exception {
        byte[] tar = CraftedArchive.tar(List.of(CraftedArchive.Member.file("a.golden.json", "{}")));
        Path archive = CraftedArchive.write(tmp.resolve("g.tgz"), CraftedArchive.compressed(ArchiveFormat.GZIP, tar));
        Files.write(tmp.resolve("g.tgz.sha256"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x41});

        ArchiveVerifier.Result r = ArchiveVerifier.verify(archive);

        assertThat(r.ok()).isFalse();
        assertThat(r.reason()).isEqualTo("checksum file g.tgz.sha256 is malformed: it does not start with a "
                + "64-digit hex SHA-256");
    }

    @Test
    void aChecksumFileLargerThanAnyChecksumLineIsRefusedUnread() throws Exception {
        byte[] tar = CraftedArchive.tar(List.of(CraftedArchive.Member.file("a.golden.json", "{}")));
        Path archive = CraftedArchive.write(tmp.resolve("g.tgz"), CraftedArchive.compressed(ArchiveFormat.GZIP, tar));
        Files.write(tmp.resolve("g.tgz.sha256"), new byte[8 * MIB]);

        ArchiveVerifier.Result r = ArchiveVerifier.verify(archive);

        assertThat(r.reason()).isEqualTo("checksum file g.tgz.sha256 is malformed: 8388608 bytes, more than a "
                + "checksum line");
    }

    @Test
    void aFileSystemErrorKeepsItsReason() {
        assertThat(IoReason.describe(new AccessDeniedException("/a/g.tgz")))
                .isEqualTo("/a/g.tgz: Permission denied");
        assertThat(IoReason.describe(new java.nio.file.FileSystemException("/a/g.tgz", null, "Input/output error")))
                .isEqualTo("/a/g.tgz: Input/output error");
        assertThat(IoReason.describe(new java.nio.file.NoSuchFileException("/a/g.tgz")))
                .isEqualTo("/a/g.tgz: No such file or directory");
    }

    /**
     * Property: whatever follows the end of the tar, the verdict is the oracle's: it verifies exactly when the tail
     * is all zeros and at most {@link ArchiveReader#MAX_TRAILING_BYTES} long. Lengths cluster around the limit.
     */
    @Test
    @Timeout(120)
    void theVerdictOnTrailingDataAgreesWithTheOracle() throws Exception {
        java.util.Random random = new java.util.Random(4);
        byte[] tar = CraftedArchive.tar(List.of(CraftedArchive.Member.file("a.golden.json", "{\"a\":1}")));
        int limit = ArchiveReader.MAX_TRAILING_BYTES;
        for (int round = 0; round < 40; round++) {
            int length = round % 2 == 0 ? limit - 1024 + random.nextInt(2049) : random.nextInt(limit + limit / 2);
            byte[] tail = new byte[length];
            boolean dirty = length > 0 && random.nextInt(3) == 0;
            if (dirty) {
                tail[random.nextInt(length)] = (byte) (1 + random.nextInt(255));
            }
            ArchiveFormat format = random.nextBoolean() ? ArchiveFormat.GZIP : ArchiveFormat.ZSTD;
            Path archive = CraftedArchive.write(tmp.resolve("t" + round + format.extension()),
                    CraftedArchive.compressed(format, concat(tar, tail)));
            boolean oracle = !dirty && length <= limit;

            ArchiveVerifier.Result r = ArchiveVerifier.verify(archive);

            assertThat(r.ok()).as("round " + round + ": " + length + " bytes, dirty " + dirty + ": " + r.reason())
                    .isEqualTo(oracle);
            Files.delete(archive);
        }
    }
}
