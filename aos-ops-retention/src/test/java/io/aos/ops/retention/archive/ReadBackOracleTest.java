package io.aos.ops.retention.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.retention.scan.ScannedGoldenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-back after archive ({@link ReadBack#check}) against its oracle ({@link ReadBack#strict}: the general
 * reader that {@code verify} uses, plus every member compared with the source digests). Over generated file sets
 * (empty, block-sized and large files, streamed ones, long and non-ASCII names, pre-1970 mtimes, both formats) and
 * random damage (a flipped bit, a cut, bytes appended, a member with other content), the two refuse exactly the
 * same archives. One difference is intended: a member whose mtime differs from the one written is refused by the
 * fast check (its header is not the one written) where the strict one, which never compared mtimes with the
 * sources, accepted it.
 *
 * <p>The damage is applied as if it happened before the file digest was taken (a compressor or hand-off fault, not
 * a disk one): the expected file SHA-256 is the damaged file's, so both checks get past that comparison and must
 * find the damage in the content. With the written file SHA-256 kept, both refuse every damaged file.
 */
class ReadBackOracleTest {

    private static final String[] PARTS = {"primary-w0", "trace", "sig", "é-ü", "数据", "d1/x", "d2/deep/y",
            "a".repeat(90), "b".repeat(140)};
    private static final String[] KINDS = {".golden.json", ".jsonl", ".jsonl.sig", ".json"};

    @TempDir
    Path tmp;

    private enum Damage { NONE, FLIP, TRUNCATE, OTHER_CONTENT, OTHER_MTIME, APPENDED }

    @Test
    void theFastReadBackRefusesExactlyWhatTheStrictOneRefuses() throws Exception {
        Random random = new Random(20261202);
        int refused = 0;
        int rounds = 60;
        for (int round = 0; round < rounds; round++) {
            Path src = tmp.resolve("src" + round);
            List<ScannedGoldenFile> files = randomFiles(random, src, 1 + random.nextInt(random.nextInt(4) == 0
                    ? 400 : 12));
            ArchiveFormat format = random.nextBoolean() ? ArchiveFormat.GZIP : ArchiveFormat.ZSTD;
            long streamAbove = random.nextInt(3) == 0 ? random.nextInt(3_000) : TarPacker.STREAM_ABOVE;
            Path archive = tmp.resolve("a" + round + format.extension());
            TarPacker.Packed packed = TarPacker.pack(archive, format, files, true, streamAbove);

            for (Damage damage : Damage.values()) {
                Path damaged = tmp.resolve("d" + round + damage + format.extension());
                String what = damage(random, damage, archive, damaged, files, format);
                TarPacker.Packed expected = withFileDigest(packed, sha256(damaged));
                String strict = verdict(() -> ReadBack.strict(damaged, format, expected));
                String fast = verdict(() -> ReadBack.check(damaged, format, expected));
                if (damage == Damage.OTHER_MTIME) {
                    // The one intended difference: the strict check compared names, sizes and content with the
                    // sources, not mtimes; the fast one refuses any byte that is not the one written.
                    assertThat(fast).as("round %d, %s", round, what).isNotNull();
                } else {
                    assertThat(fast == null).as("round %d, %s (%s, %s): strict says %s, fast says %s", round,
                            damage, what, format, strict, fast).isEqualTo(strict == null);
                }
                if (damage == Damage.NONE) {
                    assertThat(fast).as("round %d, intact", round).isNull();
                } else {
                    refused += strict == null ? 0 : 1;
                    if (!Arrays.equals(Files.readAllBytes(damaged), Files.readAllBytes(archive))) {
                        // the file digest as written: every changed file is refused by both
                        assertThatThrownBy(() -> ReadBack.check(damaged, format, packed))
                                .isInstanceOf(ArchiveDamage.class);
                        assertThatThrownBy(() -> ReadBack.strict(damaged, format, packed))
                                .isInstanceOf(ArchiveDamage.class);
                    }
                }
                Files.delete(damaged);
            }
            Files.delete(archive);
        }
        assertThat(refused).as("damaged archives refused").isGreaterThan(rounds * 3);
    }

    @Test
    void anArchiveOverTheReaderLimitsIsRefusedAsVerifyWould() throws Exception {
        List<ScannedGoldenFile> files = randomFiles(new Random(3), tmp.resolve("src"), 3);
        Path archive = tmp.resolve("a.tgz");
        TarPacker.Packed packed = TarPacker.pack(archive, ArchiveFormat.GZIP, files, true);
        TarPacker.Packed hugeManifest = new TarPacker.Packed(packed.members(), packed.sha256(), packed.bytes(),
                packed.left(), true, packed.tarSha256(), packed.tarBytes(), ArchiveReader.MAX_MANIFEST_BYTES + 1L);
        assertThatThrownBy(() -> ReadBack.check(archive, ArchiveFormat.GZIP, hugeManifest))
                .hasMessageContaining("the manifest has");
        TarPacker.Packed noManifest = TarPacker.pack(tmp.resolve("b.tgz"), ArchiveFormat.GZIP, files, false);
        assertThatThrownBy(() -> ReadBack.check(tmp.resolve("b.tgz"), ArchiveFormat.GZIP, noManifest))
                .hasMessageContaining("missing manifest member");
        assertThatThrownBy(() -> ReadBack.strict(tmp.resolve("b.tgz"), ArchiveFormat.GZIP, noManifest))
                .hasMessageContaining("missing manifest member");
    }

    /**
     * Two files packed under one member name (two names that decode alike did that): the bytes read back are the ones
     * written, but {@code verify} refuses the archive, so the read-back must too, with verify's reason, before any
     * original is deleted on its strength.
     */
    @Test
    void theReadBackRefusesAMemberNameWrittenTwiceAsVerifyDoes() throws Exception {
        List<ScannedGoldenFile> files = new ArrayList<>();
        FileTime mtime = FileTime.fromMillis(1_700_000_000_000L);
        for (String content : List.of("A", "B")) {
            Path source = Files.createDirectories(tmp.resolve(content)).resolve("run.golden.json");
            Files.writeString(source, content);
            Files.setLastModifiedTime(source, mtime);
            files.add(new ScannedGoldenFile(source, "run.golden.json", 1, mtime, files.size()));
        }
        Path archive = tmp.resolve("dup.tgz");
        TarPacker.Packed packed = TarPacker.pack(archive, ArchiveFormat.GZIP, files, true);
        ChecksumFile.write(archive, packed.sha256());

        assertThat(packed.members()).hasSize(2);
        assertThatThrownBy(() -> ReadBack.check(archive, ArchiveFormat.GZIP, packed))
                .isInstanceOf(ArchiveDamage.class).hasMessage("manifest lists 'run.golden.json' twice");
        assertThat(ArchiveVerifier.verify(archive).reason()).isEqualTo("manifest lists 'run.golden.json' twice");
    }

    private static String verdict(Check check) {
        try {
            check.run();
            return null;
        } catch (ArchiveDamage | IOException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    @FunctionalInterface
    private interface Check {
        void run() throws IOException;
    }

    /** Writes the damaged copy of {@code archive} to {@code damaged}; says what was done. */
    private String damage(Random random, Damage damage, Path archive, Path damaged, List<ScannedGoldenFile> files,
            ArchiveFormat format) throws IOException {
        byte[] bytes = Files.readAllBytes(archive);
        switch (damage) {
            case NONE -> {
                Files.write(damaged, bytes);
                return "intact";
            }
            case FLIP -> {
                int at = random.nextInt(bytes.length);
                int bit = 1 << random.nextInt(8);
                bytes[at] ^= (byte) bit;
                Files.write(damaged, bytes);
                return "bit " + bit + " of byte " + at + " of " + bytes.length;
            }
            case TRUNCATE -> {
                int length = random.nextInt(bytes.length);
                Files.write(damaged, Arrays.copyOf(bytes, length));
                return "cut to " + length + " of " + bytes.length;
            }
            case APPENDED -> {
                byte[] longer = Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(600));
                Files.write(damaged, longer);
                return "zeros appended";
            }
            case OTHER_CONTENT, OTHER_MTIME -> {
                // the same file list packed again with one member changed, checked against the first packing
                int victim = random.nextInt(files.size());
                List<ScannedGoldenFile> changed = new ArrayList<>(files);
                ScannedGoldenFile f = files.get(victim);
                Path copy = tmp.resolve("changed-" + random.nextInt(1 << 30));
                byte[] body = Files.readAllBytes(f.path());
                FileTime mtime = f.modified();
                if (damage == Damage.OTHER_CONTENT) {
                    if (body.length == 0) {
                        body = new byte[] {'x'};
                    } else {
                        body[random.nextInt(body.length)] ^= 1;
                    }
                } else {
                    mtime = FileTime.fromMillis(mtime.toMillis() + 1000L * (1 + random.nextInt(1000)));
                }
                Files.write(copy, body);
                changed.set(victim, new ScannedGoldenFile(copy, f.relative(), body.length, mtime, f.inode()));
                Files.deleteIfExists(damaged);
                TarPacker.pack(damaged, format, changed, true);
                Files.delete(copy);
                return damage + " of member " + victim + " '" + f.relative() + "'";
            }
            default -> throw new IllegalStateException();
        }
    }

    private static TarPacker.Packed withFileDigest(TarPacker.Packed p, String sha256) {
        return new TarPacker.Packed(p.members(), sha256, p.bytes(), p.left(), p.complete(), p.tarSha256(),
                p.tarBytes(), p.manifestBytes());
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static List<ScannedGoldenFile> randomFiles(Random random, Path dir, int count) throws IOException {
        List<ScannedGoldenFile> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int size = switch (random.nextInt(5)) {
                case 0 -> random.nextInt(3);
                case 1 -> 511 + random.nextInt(3);
                case 2 -> 1024 * (1 + random.nextInt(3));
                case 3 -> random.nextInt(5_000);
                default -> 200 + random.nextInt(600);
            };
            byte[] body = new byte[size];
            if (random.nextBoolean()) {
                random.nextBytes(body);
            } else {
                Arrays.fill(body, (byte) ('a' + random.nextInt(26)));
            }
            String name = String.format("%s-%04d%s", PARTS[random.nextInt(PARTS.length)], i,
                    KINDS[random.nextInt(KINDS.length)]);
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.write(p, body);
            long seconds = random.nextInt(10) == 0 ? -86_400L * (1 + random.nextInt(3000))
                    : 1_700_000_000L + random.nextInt(1_000_000);
            FileTime mtime = FileTime.fromMillis(seconds * 1000L + random.nextInt(1000));
            Files.setLastModifiedTime(p, mtime);
            files.add(new ScannedGoldenFile(p, name, size, mtime, i));
        }
        files.sort(java.util.Comparator.comparing(ScannedGoldenFile::relative));
        return files;
    }
}
