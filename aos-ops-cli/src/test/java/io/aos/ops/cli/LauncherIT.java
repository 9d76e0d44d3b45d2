package io.aos.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Runs the runbook's launcher scripts against the built jar and checks each reaches its subcommand. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LauncherIT {

    static final Path REPO = Path.of(System.getProperty("aos.ops.repo", "..")).toAbsolutePath().normalize();

    @TempDir
    static Path state;

    static CliRun run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile());
        pb.environment().put("AOS_STATE_DIR", state.toString());
        pb.environment().put("ARCHIVE_DIR", state.resolve("archive").toString());
        pb.environment().put("AOS_SHADOW_GLOB", state.resolve("shadow_simulation_*").toString());
        pb.environment().put("NO_COLOR", "1");
        return CliRun.process(pb, state);
    }

    static Stream<Arguments> launchers() {
        return Stream.of(
                Arguments.of("scripts/stress/run_shadow_simulation.sh", "aos-ops shadow run"),
                Arguments.of("scripts/stress/shadow_monitor_daemon.sh", "aos-ops monitor"),
                Arguments.of("scripts/stress/shadow_debug.sh", "aos-ops debug"),
                Arguments.of("scripts/stress/shadow_cron_check.sh", "aos-ops cron-check"),
                Arguments.of("scripts/stress/shadow_sanity_check.sh", "aos-ops sanity"),
                Arguments.of("scripts/stress/check_shadow_status.sh", "aos-ops status"),
                Arguments.of("scripts/ops/golden_retention.sh", "aos-ops retention"),
                Arguments.of("scripts/ops/disable-workflows.sh", "aos-ops emergency-stop"));
    }

    @ParameterizedTest(name = "{0} --help reaches {1}")
    @MethodSource("launchers")
    void launcherReachesItsSubcommand(String script, String command) throws Exception {
        CliRun r = run(List.of(REPO.resolve(script).toString(), "--help"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Usage: " + command);
    }

    @Test
    void pythonShimRoutesPairFlagsToDiffAndSummaryDirToSummary() throws Exception {
        String shim = REPO.resolve("scripts/stress/golden_diff_debug.py").toString();
        CliRun diff = run(List.of("python3", shim, "--help"));
        assertThat(diff.out()).contains("Usage: aos-ops golden diff");
        CliRun summary = run(List.of("python3", shim, "--summary-dir", state.toString(), "--help"));
        assertThat(summary.out()).contains("Usage: aos-ops golden summary");
    }

    @Test
    void pythonShimLetsSummaryDirWinOverPairFlagsAsTheOldToolDid() throws Exception {
        String shim = REPO.resolve("scripts/stress/golden_diff_debug.py").toString();
        Path run = Files.createDirectories(state.resolve("shim-run/reports"));
        Files.writeString(run.resolve("cycle_1.json"), "{\"timestamp\":\"2026-11-28T02:24:03+00:00\","
                + "\"primary\":{\"total\":3,\"successful\":3,\"failed\":0},"
                + "\"shadow\":{\"total_replays\":3,\"matches\":3,\"mismatches\":0},"
                + "\"mismatch_details\":[],\"passed\":true}");
        CliRun r = run(List.of("python3", shim, "--golden-a", "a.json", "--summary-dir", run.getParent().toString(),
                "--golden-b=b.json", "--verbose"));
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).startsWith("PASS");
        assertThat(r.err()).contains("--summary-dir wins; ignoring --golden-a a.json --golden-b=b.json --verbose");
    }

    @Test
    void launcherWorksThroughASymlinkAndPassesArgumentsUnchanged() throws Exception {
        Path link = state.resolve("aos-ops-link");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, REPO.resolve("bin/aos-ops"));
        List<String> cmd = new ArrayList<>(List.of(link.toString(), "golden", "--help"));
        CliRun r = run(cmd);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Usage: aos-ops golden");
    }

    @Test
    void aMissingJarSaysHowToBuildIt() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(REPO.resolve("bin/aos-ops").toString(), "--help");
        pb.environment().put("AOS_OPS_JAR", state.resolve("missing.jar").toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isEqualTo(2);
        assertThat(output).contains("cannot find aos-ops.jar");
    }

    @Test
    void aClassDataArchiveIsWrittenOnlyByARunThatDidTheCommandsWork() throws Exception {
        Path cds = Files.createDirectories(state.resolve("cds"));
        // help, the crontab line and a refused --run-dir (exit 2) each load a fraction of cron-check's classes: an
        // archive from one of them would serve every later run half-filled
        for (List<String> partial : List.of(List.of("cron-check", "--print-crontab"), List.of("cron-check", "--help"),
                List.of("cron-check", "--run-dir", state.resolve("no-such-run").toString()))) {
            CliRun r = runWithCds(cds, partial);
            assertThat(r.code()).as(partial + ": " + r.err()).isIn(0, 2);
            assertThat(archives(cds)).as("archives after " + partial).isEmpty();
        }

        CliRun check = runWithCds(cds, List.of("cron-check"));

        assertThat(check.code()).as(check.err()).isIn(0, 1);
        assertThat(archives(cds)).singleElement().satisfies(name -> assertThat(name).endsWith("-cron-check.jsa"));
        assertThat(files(cds)).as("the archive alone, no class list left behind").hasSize(1);

        // a static archive: the picocli classes the run loads (class-file version 49, which a dynamic archive leaves
        // out; the quick path loads only a few, its exception types) are in it
        Path log = state.resolve("cds-class-load.log");
        CliRun again = runWithCds(cds, List.of("cron-check"), Map.of("AOS_OPS_AOT", "off",
                "AOS_OPS_JAVA_OPTS", "-Xlog:class+load:file=" + log));
        assertThat(again.code()).isEqualTo(check.code());
        assertThat(again.out()).isEqualTo(check.out());
        List<String> loaded = Files.readAllLines(log);
        assertThat(loaded).anyMatch(line -> line.contains("] picocli."))
                .filteredOn(line -> line.contains("] picocli."))
                .allMatch(line -> line.endsWith(" source: shared objects file"));
        assertThat(loaded).anyMatch(line -> line.endsWith("] io.aos.ops.cli.AosOps source: shared objects file"));
    }

    @Test
    void aCacheDirectoryTheOperatorNamesIsMadeWhenMissingNotTradedForTheHomeCache() throws Exception {
        Path cds = state.resolve("not/yet/there");
        Path home = Files.createDirectories(state.resolve("home"));

        CliRun check = runWithCds(cds, List.of("cron-check"), Map.of("AOS_OPS_AOT", "off", "HOME", home.toString(),
                "XDG_CACHE_HOME", home.resolve(".cache").toString()));

        assertThat(check.code()).as(check.err()).isIn(0, 1);
        assertThat(archives(cds)).singleElement().satisfies(name -> assertThat(name).endsWith("-cron-check.jsa"));
        assertThat(home.resolve(".cache")).doesNotExist();
    }

    @Test
    void onAJdkWithAotCachesTheArchiveIsAnAotCacheThatTheNextRunMaps() throws Exception {
        Path jdk = aotJdk();
        Assumptions.assumeTrue(jdk != null, "no JDK 24 or later (AOS_OPS_AOT_JAVA, or under /usr/lib/jvm)");
        Path cds = Files.createDirectories(state.resolve("aot"));
        CliRun help = runWithCds(cds, List.of("cron-check", "--help"), Map.of("JAVA_HOME", jdk.toString()));
        assertThat(help.code()).as(help.err()).isZero();
        assertThat(files(cds)).as("after --help").isEmpty();

        CliRun first = runWithCds(cds, List.of("cron-check"), Map.of("JAVA_HOME", jdk.toString()));

        assertThat(first.code()).as(first.err()).isIn(0, 1);
        assertThat(files(cds)).as("the cache alone, no record left behind").singleElement()
                .satisfies(name -> assertThat(name).endsWith("-cron-check.aot"));
        Path log = state.resolve("aot-class-load.log");
        CliRun second = runWithCds(cds, List.of("cron-check"), Map.of("JAVA_HOME", jdk.toString(),
                "AOS_OPS_JAVA_OPTS", "-Xlog:class+load:file=" + log));
        assertThat(second.code()).isEqualTo(first.code());
        assertThat(second.out()).as("the recording run printed what every run prints").isEqualTo(first.out());
        assertThat(second.err()).isEqualTo(first.err());
        assertThat(Files.readString(log)).contains("io.aos.ops.cli.AosOps source: shared objects file");
    }

    /** A JDK of release 24 or later: $AOS_OPS_AOT_JAVA, else the newest such under /usr/lib/jvm; null if none. */
    private static Path aotJdk() throws IOException {
        String given = System.getenv("AOS_OPS_AOT_JAVA");
        if (given != null && !given.isEmpty()) {
            return Path.of(given);
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> feature(home) >= 24 && Files.isExecutable(home.resolve("bin/java")))
                    .max(java.util.Comparator.comparingInt(LauncherIT::feature)).orElse(null);
        }
    }

    private static int feature(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=\"")) {
                    String v = line.substring("JAVA_VERSION=\"".length()).split("[.\"]")[0];
                    return Integer.parseInt(v);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    @Test
    void retentionArchiveRunsWithC2ForTheSha256CodeOnly() throws Exception {
        Path cds = Files.createDirectories(state.resolve("cds-archive"));
        Path golden = Files.createDirectories(state.resolve("c2run").resolve("golden"));
        for (int i = 0; i < 3; i++) {
            Path file = golden.resolve("w" + i + ".golden.json");
            Files.writeString(file, "{\"step\": " + i + "}\n");
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L));
        }

        CliRun archive = runWithCds(cds, List.of("retention", "archive", "--days", "0", "--dir", golden.toString()));

        assertThat(archive.code()).as(archive.err()).isZero();
        Path directives = cds.resolve("aos-ops-c2-sha256-1.json");
        assertThat(Files.readString(directives)).contains("sun.security.provider.SHA2::*", "Exclude: true");
        try (Stream<Path> left = Files.list(golden)) {
            assertThat(left).isEmpty();
        }
        CliRun verify = runWithCds(cds, List.of("retention", "verify"));
        assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
    }

    /**
     * Cron's locale (POSIX) gives JDK 17 ASCII file names; the launcher runs java under C.UTF-8 then, so a name that
     * is not ASCII is archived, verified and restored byte for byte.
     */
    @Test
    void underThePosixLocaleTheLauncherArchivesAndRestoresANonAsciiNameByteForByte() throws Exception {
        Path golden = Files.createDirectories(state.resolve("posix-launcher").resolve("golden"));
        makeHelloWithAnAcute(golden);
        Path archiveDir = state.resolve("posix-launcher-archive");
        String launcher = REPO.resolve("bin/aos-ops").toString();

        CliRun archive = runPosix(List.of(launcher, "retention", "archive", "--days", "0", "--dir", golden.toString(),
                "--archive-dir", archiveDir.toString()));

        assertThat(archive.code()).as(archive.out() + archive.err()).isZero();
        assertThat(archive.out()).contains("Removed 2 archived files").doesNotContain("unarchived");
        assertThat(files(golden)).isEmpty();
        CliRun verify = runPosix(List.of(launcher, "retention", "verify", "--archive-dir", archiveDir.toString()));
        assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
        Path dest = state.resolve("posix-launcher-restored");
        CliRun restore = runPosix(List.of(launcher, "retention", "restore", onlyArchive(archiveDir), dest.toString()));
        assertThat(restore.code()).as(restore.out() + restore.err()).isZero();
        assertThat(rawNames(dest)).containsExactlyInAnyOrder("h%C3%A9llo.json", "plain.json");
    }

    /**
     * The jar run without the launcher under the POSIX locale: the name it cannot read exactly is left with the
     * reason, the rest archived (never an 'internal error' with a partial archive left); restoring a member it cannot
     * name is refused before anything is written.
     */
    @Test
    void underThePosixLocaleTheBareJarLeavesANonAsciiNameAndRefusesToRestoreOne() throws Exception {
        Path golden = Files.createDirectories(state.resolve("posix-jar").resolve("golden"));
        makeHelloWithAnAcute(golden);
        Path archiveDir = state.resolve("posix-jar-archive");
        List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                REPO.resolve("aos-ops-cli/target/aos-ops.jar").toString());

        CliRun archive = runPosix(concat(java, "retention", "archive", "--days", "0", "--dir", golden.toString(),
                "--archive-dir", archiveDir.toString()));

        assertThat(archive.code()).as(archive.out() + archive.err()).isZero();
        assertThat(archive.out()).contains("llo.json unarchived: its name is not ASCII and cannot be read exactly: ",
                "LC_ALL=C.UTF-8", "Removed 1 archived files");
        assertThat(rawNames(golden)).containsExactly("h%C3%A9llo.json");
        assertThat(files(archiveDir)).noneMatch(n -> n.endsWith(".partial"));

        // an archive holding the name, made through the launcher (C.UTF-8), restored by the bare jar (ASCII names)
        Path utf8Archive = state.resolve("posix-jar-utf8-archive");
        CliRun made = runPosix(List.of(REPO.resolve("bin/aos-ops").toString(), "retention", "archive", "--days", "0",
                "--dir", golden.toString(), "--archive-dir", utf8Archive.toString()));
        assertThat(made.code()).as(made.out() + made.err()).isZero();
        Path dest = state.resolve("posix-jar-restored");
        CliRun restore = runPosix(concat(java, "retention", "restore", onlyArchive(utf8Archive), dest.toString()));
        assertThat(restore.code()).as(restore.out() + restore.err()).isEqualTo(1);
        assertThat(restore.err()).contains("cannot be named as a file here", "nothing restored")
                .doesNotContain("internal error");
        assertThat(rawNames(dest)).isEmpty();
    }

    /** {@code héllo.json} (UTF-8 bytes, made by sh's printf: the test JVM's locale need not name it) and plain.json. */
    private static void makeHelloWithAnAcute(Path dir) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c",
                "cd \"$1\" && echo x > \"$(printf 'h\\303\\251llo.json')\" && echo y > plain.json", "sh",
                dir.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }

    /** Runs {@code command} with cron's locale: LC_ALL=POSIX, no LANG or LC_CTYPE. */
    private static CliRun runPosix(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile());
        pb.environment().put("AOS_STATE_DIR", state.toString());
        pb.environment().put("AOS_SHADOW_GLOB", state.resolve("shadow_simulation_*").toString());
        pb.environment().put("AOS_OPS_CDS", "off");
        pb.environment().put("AOS_OPS_DEFAULTS", "");
        pb.environment().put("NO_COLOR", "1");
        pb.environment().remove("LANG");
        pb.environment().remove("LC_CTYPE");
        pb.environment().put("LC_ALL", "POSIX");
        return CliRun.process(pb, state);
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    private static String onlyArchive(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> archives = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).toList();
            assertThat(archives).hasSize(1);
            return archives.get(0).toString();
        }
    }

    /**
     * The names in {@code dir} as their bytes, percent-encoded where not plain ASCII ({@code toUri} of a listed path
     * encodes the bytes it keeps, whatever this JVM's locale); none when it does not exist.
     */
    private static List<String> rawNames(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> {
                String uri = p.toUri().getRawPath();
                return uri.substring(uri.lastIndexOf('/') + 1);
            }).toList();
        }
    }

    private static CliRun runWithCds(Path cds, List<String> args) throws IOException, InterruptedException {
        // the AppCDS archive, whatever JDK runs the test
        return runWithCds(cds, args, Map.of("AOS_OPS_AOT", "off"));
    }

    private static CliRun runWithCds(Path cds, List<String> args, Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("bin/aos-ops").toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile());
        pb.environment().put("AOS_STATE_DIR", state.toString());
        pb.environment().put("AOS_SHADOW_GLOB", state.resolve("shadow_simulation_*").toString());
        pb.environment().put("ARCHIVE_DIR", state.resolve("archive").toString());
        pb.environment().put("AOS_OPS_CDS_DIR", cds.toString());
        pb.environment().remove("AOS_OPS_CDS");
        pb.environment().remove("AOS_OPS_AOT");
        pb.environment().remove("AOS_OPS_JAVA_OPTS");
        pb.environment().remove("AOS_OPS_C2");
        pb.environment().put("NO_COLOR", "1");
        pb.environment().putAll(env);
        return CliRun.process(pb, state);
    }

    private static List<String> archives(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsa")).toList();
        }
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
