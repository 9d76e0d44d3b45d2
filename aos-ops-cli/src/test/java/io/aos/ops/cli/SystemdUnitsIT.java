package io.aos.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code systemd-analyze verify} on the shipped units (the systemd package: .ci/run installs it). verify also checks
 * that each ExecStart program exists and is executable; /usr/bin/aos-ops is not installed on a build machine, so the
 * units are verified as copies whose ExecStart names this checkout's bin/aos-ops (the same launcher the package
 * installs as /usr/bin/aos-ops), and nothing else is changed. {@code SystemdUnitsTest} holds the /usr/bin path.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SystemdUnitsIT {

    @TempDir
    Path scratch;

    static Path launcher;

    @BeforeAll
    static void findTools() {
        launcher = SystemdUnits.dir().getParent().getParent().resolve("bin/aos-ops");
        assertThat(launcher).isExecutable();
    }

    private CliRun analyze(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("systemd-analyze"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(scratch.toFile());
        pb.environment().put("SYSTEMD_LOG_COLOR", "0");
        try {
            return CliRun.process(pb, Files.createDirectories(scratch.resolve("out")));
        } catch (java.io.IOException e) {
            throw new AssertionError("systemd-analyze cannot run (" + e.getMessage()
                    + "): install the systemd package, as .ci/run does", e);
        }
    }

    private List<String> copies(String replaceFrom, String replaceTo) throws Exception {
        Path units = Files.createDirectories(scratch.resolve("units"));
        List<String> paths = new ArrayList<>();
        for (String name : SystemdUnits.FILES) {
            String text = Files.readString(SystemdUnits.dir().resolve(name))
                    .replace("/usr/bin/aos-ops", launcher.toString());
            Files.writeString(units.resolve(name), text.replace(replaceFrom, replaceTo));
            paths.add(units.resolve(name).toString());
        }
        return paths;
    }

    @Test
    void everyUnitVerifiesWithoutAWarning() throws Exception {
        List<String> args = new ArrayList<>(List.of("verify", "--man=no"));
        args.addAll(copies("", ""));

        CliRun verify = analyze(args.toArray(String[]::new));

        assertThat(verify.code()).as(verify.err()).isZero();
        assertThat(verify.out() + verify.err()).as("systemd-analyze's warnings").isEmpty();
    }

    @Test
    void verifyCatchesAMistakeSoItsSilenceMeansSomething() throws Exception {
        List<String> args = new ArrayList<>(List.of("verify", "--man=no"));
        args.addAll(copies("Restart=on-failure", "Restart=on-failur"));

        CliRun verify = analyze(args.toArray(String[]::new));

        // systemd-analyze exits 0 on a bad value or an unknown key and only warns: hence the empty-output check above
        assertThat(verify.out() + verify.err()).contains("aos-ops-monitor.service").contains("on-failur");
    }

    @Test
    void theTimersScheduleIsEveryQuarterHour() throws Exception {
        String onCalendar = SystemdUnits.parse(SystemdUnits.dir().resolve("aos-ops-cron-check.timer"))
                .get("Timer").get("OnCalendar").get(0);

        CliRun calendar = analyze("calendar", "--iterations=5", onCalendar);

        assertThat(calendar.code()).as(calendar.err()).isZero();
        assertThat(calendar.out()).contains("Normalized form: *-*-* *:00/15:00");
        List<String> minutes = calendar.out().lines().filter(l -> l.contains("Next elapse") || l.contains("Iter."))
                .map(l -> l.replaceAll(".* \\d\\d:(\\d\\d):00 .*", "$1")).toList();
        assertThat(minutes).hasSize(5).allSatisfy(m -> assertThat(m).isIn("00", "15", "30", "45"));
    }
}
