package io.aos.ops.retention.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.json.OpsJson;
import io.aos.ops.retention.GoldenTree;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streamed {@code retention status --json} against the data-bound writer it replaced ({@code OpsJson.pretty()}
 * over the record), character for character, over random statuses: nulls, instants with and without fractions,
 * doubles of every shape, names that need escaping or are not ASCII.
 */
class StorageStatusJsonTest {

    private static final String[] NAMES = {"/var/lib/aos/golden", "/tmp/shadow_simulation_1/golden", "",
        "with \"quotes\" and \\ back", "tab\there\nnewline", "ünïcödé/золото/金", "control\u0001\u001f", "emoji \uD83D\uDE00"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void theStreamedJsonIsTheDataBoundJson(long seed) throws Exception {
        StorageStatus status = randomStatus(new Random(seed));

        assertThat(StorageStatusJson.jsonText(status)).isEqualTo(OpsJson.pretty().writeValueAsString(status));
    }

    @Test
    void aRealScanIsWrittenAsBefore() throws Exception {
        Path none = Path.of("/nonexistent-aos-ops-status-json-test");
        StorageStatus status = new StorageStatus(GoldenTree.NOW, StatusScanner.GROWTH_WINDOW_HOURS,
                List.of(new StorageStatus.DirectoryStatus(none.toString(), false, 0, 0, 0, null, null, 0, 0, 0)),
                new StorageStatus.ArchiveDirectoryStatus("/root/archive/golden", false, false, 0, 0, null, null),
                List.of());

        assertThat(StorageStatusJson.jsonText(status)).isEqualTo(OpsJson.pretty().writeValueAsString(status));
    }

    static StorageStatus randomStatus(Random r) {
        List<StorageStatus.DirectoryStatus> dirs = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            boolean none = r.nextInt(4) == 0;
            dirs.add(new StorageStatus.DirectoryStatus(name(r), !none, anyLong(r), anyLong(r), anyLong(r),
                    maybeInstant(r), maybeInstant(r), anyLong(r), anyLong(r), r.nextBoolean() ? 0 : anyLong(r)));
        }
        boolean exists = r.nextBoolean();
        StorageStatus.ArchiveDirectoryStatus archive = new StorageStatus.ArchiveDirectoryStatus(name(r),
                exists, exists && r.nextInt(4) > 0, anyLong(r), anyLong(r), r.nextBoolean() ? null : name(r),
                maybeInstant(r));
        List<StorageStatus.FilesystemStatus> filesystems = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            List<String> paths = new ArrayList<>();
            for (int j = r.nextInt(3); j > 0; j--) {
                paths.add(name(r));
            }
            filesystems.add(new StorageStatus.FilesystemStatus(name(r), paths, anyLong(r), anyLong(r), anyLong(r),
                    anyDouble(r), anyDouble(r), r.nextBoolean() ? null : anyDouble(r), maybeInstant(r)));
        }
        return new StorageStatus(instant(r), r.nextInt(48), dirs, archive, filesystems);
    }

    private static String name(Random r) {
        return NAMES[r.nextInt(NAMES.length)] + (r.nextBoolean() ? "" : "/" + r.nextInt(1000));
    }

    private static long anyLong(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> r.nextLong();
            case 2 -> Long.MAX_VALUE;
            default -> r.nextInt(1 << 20);
        };
    }

    private static double anyDouble(Random r) {
        return switch (r.nextInt(7)) {
            case 0 -> 0.0;
            case 1 -> Math.round(r.nextDouble() * 1000) / 10.0;
            case 2 -> r.nextDouble() * 1e12;
            case 3 -> r.nextDouble() * 1e-5;
            case 4 -> 1e21 * r.nextDouble();
            case 5 -> r.nextInt(100);
            default -> r.nextDouble();
        };
    }

    private static Instant maybeInstant(Random r) {
        return r.nextInt(3) == 0 ? null : instant(r);
    }

    private static Instant instant(Random r) {
        Instant t = GoldenTree.NOW.plusSeconds(r.nextInt(1_000_000) - 500_000L);
        return switch (r.nextInt(4)) {
            case 0 -> t;
            case 1 -> t.plusMillis(r.nextInt(1000));
            case 2 -> t.plusNanos(r.nextInt(1_000_000_000));
            default -> Instant.ofEpochSecond(r.nextInt(2) == 0 ? 0 : 253402300799L, r.nextInt(3) * 1000);
        };
    }
}
