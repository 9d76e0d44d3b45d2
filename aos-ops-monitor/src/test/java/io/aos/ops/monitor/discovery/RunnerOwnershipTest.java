package io.aos.ops.monitor.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.monitor.discovery.RunnerOwnership.Ownership;
import io.aos.ops.monitor.discovery.RunnerOwnership.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerOwnershipTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** 13:12:19 in Berlin on that day (CET, UTC+1). */
    static final Instant STARTED = Instant.parse("2026-12-02T12:12:19.400Z");
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"); // date +%Y%m%d_%H%M%S

    /**
     * Every path below the temp dir: the verdict reads the file system only to resolve a symbolic link
     * ({@code toRealPath}), and a test never looks at a real run's directory either.
     */
    @TempDir
    Path tmp;
    Path run;

    @BeforeEach
    void paths() {
        run = tmp.resolve("runs/shadow_simulation_20261202_131219");
    }

    String at(String relative) {
        return tmp.resolve(relative).toString();
    }

    static List<String> upstream(String... args) {
        List<String> all = new ArrayList<>(List.of("/bin/bash", "./scripts/stress/run_shadow_simulation.sh"));
        all.addAll(List.of(args));
        return all;
    }

    static Ownership of(List<String> args, Optional<Path> cwd, Path runDir) {
        return RunnerOwnership.of(Optional.of(args), cwd, Optional.of(STARTED), () -> Optional.of(BERLIN), runDir);
    }

    @Test
    void anOutputFlagNamingTheRunIsThisRunsAndAnyOtherDirectoryIsAnotherRunsWhateverItsStamp() {
        assertThat(of(upstream("--hours", "24", "--output", run.toString()), Optional.empty(), run).verdict())
                .isEqualTo(Verdict.THIS_RUN);
        assertThat(of(upstream("-o", run + "/", "--verbose"), Optional.empty(), run).verdict())
                .isEqualTo(Verdict.THIS_RUN);
        Ownership other = of(upstream("-o", at("data/shadow_simulation_20261202_131219")), Optional.empty(), run);
        assertThat(other.verdict()).isEqualTo(Verdict.OTHER_RUN);
        assertThat(other.writes()).contains(at("data/shadow_simulation_20261202_131219"));
        // the last --output wins, as in the runner's own argument loop
        assertThat(of(upstream("-o", run.toString(), "--output", at("data/x")), Optional.empty(), run).verdict())
                .isEqualTo(Verdict.OTHER_RUN);
    }

    @Test
    void aRelativeOutputIsResolvedAgainstTheProcesssWorkingDirectory() {
        assertThat(of(upstream("-o", "shadow_simulation_20261202_131219"), Optional.of(tmp.resolve("runs")), run)
                .verdict()).isEqualTo(Verdict.THIS_RUN);
        assertThat(of(upstream("-o", "../runs/./shadow_simulation_20261202_131219"), Optional.of(tmp.resolve("home")),
                run).verdict()).isEqualTo(Verdict.THIS_RUN);
        assertThat(of(upstream("-o", "shadow_simulation_20261202_131219"), Optional.of(tmp.resolve("srv")), run)
                .verdict()).isEqualTo(Verdict.OTHER_RUN);
        // no working directory: another name is another run; the same name might be this one
        assertThat(of(upstream("-o", "runs/other"), Optional.empty(), run).verdict()).isEqualTo(Verdict.OTHER_RUN);
        assertThat(of(upstream("-o", "shadow_simulation_20261202_131219"), Optional.empty(), run).verdict())
                .isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void aDirectoryNamedThroughASymbolicLinkIsTheSameRun() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real/shadow_simulation_20261202_131219"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real.getParent());
        assertThat(of(upstream("-o", link.resolve(real.getFileName()).toString()), Optional.empty(), real).verdict())
                .isEqualTo(Verdict.THIS_RUN);
    }

    @Test
    void theValueOfAnotherFlagIsNotReadAsAnOutputFlag() {
        assertThat(RunnerOwnership.outputFlag(List.of("--slack-webhook", "-o", "--hours", "24"))).isEmpty();
        assertThat(RunnerOwnership.outputFlag(List.of("--output=/a", "-w", "3"))).contains("/a");
        assertThat(RunnerOwnership.outputFlag(List.of("-o/b"))).contains("/b");
        assertThat(RunnerOwnership.outputFlag(List.of("--output"))).isEmpty();
    }

    @Test
    void theRunnersArgumentsFollowTheScriptOrThisSuitesShadowRun() {
        assertThat(RunnerOwnership.runnerArguments(upstream("-o", "/x"))).contains(List.of("-o", "/x"));
        assertThat(RunnerOwnership.runnerArguments(List.of("java", "-Daos.ops.launcher=run_shadow_simulation.sh",
                "-jar", "aos-ops.jar", "shadow", "run", "--output", "/x"))).contains(List.of("--output", "/x"));
        assertThat(RunnerOwnership.runnerArguments(List.of("sleep", "300"))).isEmpty();
        assertThat(RunnerOwnership.of(Optional.of(List.of("sleep", "300")), Optional.empty(), Optional.of(STARTED),
                () -> Optional.of(BERLIN), run)).isEqualTo(Ownership.UNKNOWN);
    }

    @Test
    void withoutAnOutputFlagTheRunsStampMustBeTheProcesssStartInItsZone() {
        assertThat(of(upstream("--hours", "24"), Optional.empty(), run).verdict()).isEqualTo(Verdict.THIS_RUN);
        Ownership hourLater = of(upstream("--hours", "24"), Optional.empty(),
                tmp.resolve("runs/shadow_simulation_20261202_141219"));
        assertThat(hourLater.verdict()).isEqualTo(Verdict.OTHER_RUN);
        assertThat(hourLater.writes()).contains("its default directory, stamped 20261202_131219");
        // the same process read in UTC would be an hour off: the zone matters
        assertThat(RunnerOwnership.of(Optional.of(upstream()), Optional.empty(), Optional.of(STARTED),
                () -> Optional.of(ZoneId.of("UTC")), run).verdict()).isEqualTo(Verdict.OTHER_RUN);
    }

    @Test
    void whatCannotBeToldIsUnknownNeverAnotherRun() {
        assertThat(RunnerOwnership.of(Optional.empty(), Optional.empty(), Optional.of(STARTED), () -> Optional.of(BERLIN),
                run)).isEqualTo(Ownership.UNKNOWN);
        assertThat(RunnerOwnership.of(Optional.of(upstream()), Optional.empty(), Optional.empty(),
                () -> Optional.of(BERLIN), run)).isEqualTo(Ownership.UNKNOWN);
        assertThat(RunnerOwnership.of(Optional.of(upstream()), Optional.empty(), Optional.of(STARTED),
                Optional::empty, run)).isEqualTo(Ownership.UNKNOWN);
        assertThat(of(upstream(), Optional.empty(), tmp.resolve("runs/my-run")).verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(of(upstream(), Optional.empty(), tmp.resolve("runs/shadow_simulation_20261399_999999")).verdict())
                .isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void theZoneIsTheProcesssTzElseTheMachinesWhenThisProcessHasNoTzOfItsOwn() {
        ZoneId machine = ZoneId.of("Asia/Tokyo");
        assertThat(RunnerOwnership.zone(Optional.of("Europe/Berlin"), Optional.empty(), machine)).contains(BERLIN);
        assertThat(RunnerOwnership.zone(Optional.of(":Europe/Berlin"), Optional.of("UTC"), machine)).contains(BERLIN);
        assertThat(RunnerOwnership.zone(Optional.of("CET-1CEST,M3.5.0,M10.5.0/3"), Optional.empty(), machine))
                .isEmpty();
        assertThat(RunnerOwnership.zone(Optional.empty(), Optional.empty(), machine)).contains(machine);
        assertThat(RunnerOwnership.zone(Optional.empty(), Optional.of("UTC"), machine)).isEmpty();
    }

    @Test
    void theStampReadsAndPrintsAsDateDoes() {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(
                    random.nextInt(2_000_000_000) + 100_000_000L, 0, java.time.ZoneOffset.UTC);
            String stamp = DATE.format(t);
            assertThat(RunnerOwnership.formatStamp(t)).isEqualTo(stamp);
            assertThat(RunnerOwnership.parseStamp(stamp)).isEqualTo(t);
        }
    }

    @Test
    void overGeneratedStartsZonesAndDelaysTheVerdictIsTheStampWindowsOracle() {
        // Property: a runner started at S in zone Z, whose default directory is stamped by `date` D after S, owns
        // the directory exactly when D is within [-5 min, +10 min] (the oracle); a directory named by --output is owned
        // exactly when it is the same path.
        Random random = new Random(20261202);
        List<String> zones = List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Adelaide",
                "Pacific/Chatham");
        int owned = 0;
        int others = 0;
        for (int i = 0; i < 5_000; i++) {
            ZoneId zone = ZoneId.of(zones.get(random.nextInt(zones.size())));
            Instant start = Instant.ofEpochSecond(1_600_000_000L + random.nextInt(400_000_000),
                    random.nextInt(1_000_000_000));
            long delayMillis = switch (random.nextInt(3)) {
                case 0 -> random.nextInt(4_000) - 2_000; // around the start
                case 1 -> random.nextInt(1_140_000) - 420_000; // around the window's two ends
                default -> (random.nextLong() % 86_400_000L) * 30; // another run, days away
            };
            Instant stampedAt = start.plusMillis(delayMillis);
            // date prints the wall clock truncated to the second
            String stamp = DATE.format(stampedAt.atZone(zone));
            Path dir = tmp.resolve("runs/shadow_simulation_" + stamp);

            Verdict verdict = RunnerOwnership.of(Optional.of(upstream("--hours", "24", "--verbose")), Optional.empty(),
                    Optional.of(start), () -> Optional.of(zone), dir).verdict();

            // the oracle compares the truncated stamp's instant (ambiguous wall times: the earlier offset, as
            // LocalDateTime.atZone takes it) with the window
            Instant stampInstant = java.time.LocalDateTime.parse(stamp, DATE).atZone(zone).toInstant();
            Duration after = Duration.between(start, stampInstant);
            boolean oracle = after.compareTo(Duration.ofMinutes(-5)) >= 0 && after.compareTo(Duration.ofMinutes(10)) <= 0;
            assertThat(verdict).as("start %s in %s, stamp %s", start, zone, stamp)
                    .isEqualTo(oracle ? Verdict.THIS_RUN : Verdict.OTHER_RUN);
            if (Math.abs(delayMillis) < 1_000) {
                assertThat(verdict).as("stamped right at the start: %s in %s, %s", start, zone, stamp)
                        .isEqualTo(Verdict.THIS_RUN);
            }
            owned += oracle ? 1 : 0;
            others += oracle ? 0 : 1;

            Path named = random.nextBoolean() ? dir : tmp.resolve("srv/run-" + random.nextInt(3));
            Path watched = random.nextBoolean() ? dir : tmp.resolve("srv/run-" + random.nextInt(3));
            assertThat(RunnerOwnership.of(Optional.of(upstream("-o", named.toString())), Optional.empty(),
                    Optional.of(start), () -> Optional.of(zone), watched).verdict())
                    .isEqualTo(named.equals(watched) ? Verdict.THIS_RUN : Verdict.OTHER_RUN);
        }
        assertThat(owned).isGreaterThan(1_000);
        assertThat(others).isGreaterThan(1_000);
    }

    static Optional<Path> writes(List<String> args, Optional<Path> cwd) {
        return RunnerOwnership.writes(Optional.of(args), cwd, Optional.of(STARTED), () -> Optional.of(BERLIN));
    }

    @Test
    void whereARunnerWritesIsItsOutputMadeAbsoluteElseItsDefaultStampedDirectory() {
        assertThat(writes(upstream("--hours", "24", "--output", at("data/x/../run1")), Optional.empty()))
                .contains(tmp.resolve("data/run1"));
        assertThat(writes(upstream("-o", "runs/r2", "--verbose"), Optional.of(tmp))).contains(tmp.resolve("runs/r2"));
        assertThat(writes(upstream("-o", "runs/r2"), Optional.empty())).as("relative, no working directory").isEmpty();
        // upstream's default: /tmp/shadow_simulation_$(date +%Y%m%d_%H%M%S) at its start, in its zone (a path
        // compared as a value: writes() and a stamp verdict never touch the file system)
        assertThat(writes(upstream("--hours", "24", "--workers", "3"), Optional.empty()))
                .contains(Path.of("/tmp/shadow_simulation_" + DATE.format(STARTED.atZone(BERLIN))));
        assertThat(RunnerOwnership.writes(Optional.of(upstream("--hours", "24")), Optional.empty(), Optional.empty(),
                () -> Optional.of(BERLIN))).as("no start time").isEmpty();
        assertThat(RunnerOwnership.writes(Optional.of(upstream("--hours", "24")), Optional.empty(), Optional.of(STARTED),
                Optional::empty)).as("no zone").isEmpty();
        assertThat(RunnerOwnership.writes(Optional.empty(), Optional.of(tmp), Optional.of(STARTED),
                () -> Optional.of(BERLIN))).as("arguments unreadable").isEmpty();
        assertThat(writes(List.of("/bin/sleep", "300"), Optional.of(tmp))).as("not a runner").isEmpty();
    }

    @Test
    void whereARunnerWritesAgreesWithTheVerdictForEveryRunDirectory() {
        // the oracle: a runner is THIS_RUN for the directory it writes, and OTHER_RUN for a sibling run. A default
        // runner's directory is /tmp/shadow_simulation_<stamp> as a value only: its verdict reads the stamp in the
        // name, and only an --output directory (below the temp dir here) is ever resolved on disk
        Random random = new Random(20261203);
        for (int i = 0; i < 200; i++) {
            List<String> args = random.nextBoolean() ? upstream("--hours", "24", "--output", at("data/run" + i))
                    : upstream("-w", String.valueOf(1 + random.nextInt(4)), "--verbose");
            Path dir = writes(args, Optional.of(tmp)).orElseThrow();
            assertThat(of(args, Optional.of(tmp), dir).verdict()).as("%s", args).isEqualTo(Verdict.THIS_RUN);
            Path sibling = dir.resolveSibling("data_run_other_" + i);
            assertThat(of(args, Optional.of(tmp), sibling).verdict()).as("%s", args).isNotEqualTo(Verdict.THIS_RUN);
        }
    }
}
