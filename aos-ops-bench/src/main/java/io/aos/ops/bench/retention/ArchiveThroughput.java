package io.aos.ops.bench.retention;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.retention.RetentionSettings;
import io.aos.ops.retention.archive.ArchiveFormat;
import io.aos.ops.retention.archive.ArchiveReader;
import io.aos.ops.retention.archive.ArchiveReport;
import io.aos.ops.retention.archive.Archiver;
import io.aos.ops.retention.archive.TarPacker;
import io.aos.ops.retention.log.RetentionLog;
import io.aos.ops.retention.scan.Cutoff;
import io.aos.ops.retention.scan.ScannedGoldenFile;
import io.aos.ops.retention.scan.GoldenScanner;
import io.aos.ops.retention.status.StatusScanner;
import io.aos.ops.retention.status.StorageStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Whole-process comparison of {@code retention archive} with GNU {@code tar czf} on golden-sized files.
 *
 * <pre>
 * java -cp aos-ops-bench/target/benchmarks.jar io.aos.ops.bench.retention.ArchiveThroughput [FILES] [REPS] [WORKDIR] [--full]
 * java -Xmx256m -cp aos-ops-bench/target/benchmarks.jar io.aos.ops.bench.retention.ArchiveThroughput status FILES
 * </pre>
 *
 * <p>Per repetition (warm page cache, same JVM so later reps are JIT-warm): {@code tar czf} of the corpus; then
 * what {@code archive} does before deleting (scan + select, pack with manifest, fsync, read back in full) for gzip
 * and zstd; then the pack alone with and without the manifest, for the manifest's size overhead. Finally one full
 * {@code Archiver.archive} per format (including the deletes) on a fresh copy of the corpus with
 * {@code --full}. A WORKDIR that already holds the corpus is reused and kept (generating 100k files is slow).
 */
public final class ArchiveThroughput {

    private static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");

    private ArchiveThroughput() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("status")) {
            status(Integer.parseInt(args.length > 1 ? args[1] : "1000000"), args.length > 2 ? Path.of(args[2]) : null);
            return;
        }
        List<String> positional = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        boolean full = Arrays.asList(args).contains("--full");
        int files = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 100_000;
        int reps = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 3;
        boolean keep = positional.size() > 2;
        Path work = keep ? Path.of(positional.get(2)) : Files.createTempDirectory("aos-bench-retention");
        Path golden = work.resolve("shadow_simulation_bench/golden");
        long payload;
        if (Files.isDirectory(golden)) {
            try (Stream<Path> s = Files.list(golden)) {
                payload = s.mapToLong(p -> p.toFile().length()).sum();
            }
        } else {
            payload = generate(golden, files);
        }
        System.out.printf(Locale.ROOT, "corpus: %d files, %.1f MB payload, in %s%n", files, payload / 1e6, golden);

        List<String> rows = new ArrayList<>();
        for (int rep = 1; rep <= reps; rep++) {
            Path out = work.resolve("out");
            Files.createDirectories(out);
            long t0 = System.nanoTime();
            // bash's time reports the CPU seconds of tar and its gzip child, for a comparison less hurt by load.
            Process tar = new ProcessBuilder("bash", "-c", "TIMEFORMAT='%U %S'; time tar czf \"$0\" -C \"$1\" .",
                    out.resolve("gnu.tgz").toString(), golden.toString()).redirectErrorStream(true).start();
            String timing = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (tar.waitFor() != 0) {
                throw new IOException("tar failed: " + timing);
            }
            double tarSeconds = seconds(t0);
            String[] cpu = timing.substring(timing.lastIndexOf('\n') + 1).split(" ");
            double tarCpu = Double.parseDouble(cpu[0]) + Double.parseDouble(cpu[1]);
            long tarBytes = Files.size(out.resolve("gnu.tgz"));
            rows.add(row(rep, "tar czf (gzip -6)", files, tarSeconds, tarBytes, tarSeconds, tarCpu));
            for (ArchiveFormat format : ArchiveFormat.values()) {
                Path archive = out.resolve("aos" + format.extension());
                Files.deleteIfExists(archive);
                long t1 = System.nanoTime();
                long c1 = cpuNanos();
                List<ScannedGoldenFile> selected = GoldenScanner.selectOld(golden, new Cutoff(NOW, 0));
                TarPacker.Packed packed = TarPacker.pack(archive, format, selected, true);
                double packSeconds = seconds(t1);
                double packCpu = (cpuNanos() - c1) / 1e9;
                ArchiveReader.read(archive, format, null);
                double totalSeconds = seconds(t1);
                double totalCpu = (cpuNanos() - c1) / 1e9;
                rows.add(row(rep, "aos scan+pack " + format, files, packSeconds, packed.bytes(), tarSeconds,
                        packCpu));
                rows.add(row(rep, "aos scan+pack+read-back " + format, files, totalSeconds, packed.bytes(),
                        tarSeconds, totalCpu));
                Path bare = out.resolve("bare" + format.extension());
                Files.deleteIfExists(bare);
                TarPacker.Packed noManifest = TarPacker.pack(bare, format, selected, false);
                rows.add(String.format(Locale.ROOT, "rep %d  manifest overhead %-5s %d -> %d bytes = +%.1f %%",
                        rep, format, noManifest.bytes(), packed.bytes(),
                        100.0 * (packed.bytes() - noManifest.bytes()) / noManifest.bytes()));
            }
            rows.forEach(System.out::println);
            rows.clear();
            deleteTree(out);
        }
        for (ArchiveFormat format : full ? ArchiveFormat.values() : new ArchiveFormat[0]) {
            Path run = work.resolve("full-" + format.name().toLowerCase(Locale.ROOT));
            Path dir = run.resolve("shadow_simulation_full/golden");
            generate(dir, files);
            // Write the fresh corpus out first: otherwise the archive's one fsync pays for 100k just-created files.
            new ProcessBuilder("sync").inheritIO().start().waitFor();
            RetentionSettings settings = RetentionSettings.from(OpsConfig.rootedAt(run), List.of(dir),
                    Clock.fixed(NOW, ZoneOffset.UTC));
            long t = System.nanoTime();
            ArchiveReport report = new Archiver(settings, new RetentionLog(settings.logFile(), settings.clock(),
                    line -> { })).archive(0, format, false);
            double s = seconds(t);
            System.out.printf(Locale.ROOT, "full archive --days 0 --format %s (scan, pack, fsync, read back, "
                    + "delete %d files): %.2f s = %.0f files/s, ok=%s%n", format, report.directories().get(0).removed(),
                    s, files / s, report.ok());
            deleteTree(run);
        }
        if (!keep) {
            deleteTree(work);
        }
    }

    private static void status(int files, Path given) throws Exception {
        Path work = given != null ? given : Files.createTempDirectory("aos-bench-status");
        Path golden = work.resolve("shadow_simulation_status/golden");
        if (!Files.isDirectory(golden)) {
            long t = System.nanoTime();
            generate(golden, files);
            System.out.printf(Locale.ROOT, "generated %d files in %.1f s%n", files, seconds(t));
        }
        RetentionSettings settings = RetentionSettings.from(OpsConfig.rootedAt(work), List.of(golden),
                Clock.fixed(NOW, ZoneOffset.UTC));
        for (int rep = 1; rep <= 3; rep++) {
            long t = System.nanoTime();
            StorageStatus status = new StatusScanner(settings).status();
            double s = seconds(t);
            Runtime rt = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "status rep %d: %d files in %.2f s (%.0f files/s); heap max %d MB, used %d MB%n",
                    rep, status.directories().get(0).files(), s, status.directories().get(0).files() / s,
                    rt.maxMemory() >> 20, (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
        if (given == null) {
            deleteTree(work);
        }
    }

    /** N golden-like files of about 400 bytes, in 100 subdirectory-free batches, all older than a day. */
    static long generate(Path dir, int count) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(42);
        FileTime old = FileTime.from(NOW.minus(Duration.ofDays(2)));
        long total = 0;
        for (int i = 0; i < count; i++) {
            String name = "primary-w" + (i % 8) + "-" + i + ".golden.json";
            String body = "{\"workflow_id\":\"primary-w" + (i % 8) + "-" + i + "\",\"seed\":" + random.nextLong(1L << 53)
                    + ",\"steps\":[{\"index\":0,\"step_id\":\"fetch\",\"output_hash\":\"" + hex(random) + "\"},"
                    + "{\"index\":1,\"step_id\":\"transform\",\"output_hash\":\"" + hex(random) + "\"},"
                    + "{\"index\":2,\"step_id\":\"store\",\"output_hash\":\"" + hex(random) + "\"}],"
                    + "\"workflow_hash\":\"" + hex(random) + hex(random) + "\",\"status\":\"completed\","
                    + "\"cost_cents\":" + random.nextInt(500) + ",\"timestamp\":\"2026-11-27T0" + (i % 10)
                    + ":00:00Z\"}\n";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            Path p = dir.resolve(name);
            Files.write(p, bytes);
            Files.setLastModifiedTime(p, old);
            total += bytes.length;
        }
        return total;
    }

    private static String hex(SplittableRandom random) {
        return String.format(Locale.ROOT, "%016x", random.nextLong());
    }

    private static String row(int rep, String what, int files, double seconds, long bytes, double tarSeconds,
                              double cpuSeconds) {
        return String.format(Locale.ROOT, "rep %d  %-34s %6.2f s wall %8.0f files/s %5.2f x tar  cpu %5.2f s  %10d bytes",
                rep, what, seconds, files / seconds, tarSeconds / seconds, cpuSeconds, bytes);
    }

    /** CPU time of this whole JVM (all threads), so the pipelined packer's reader and compressor count too. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

}
