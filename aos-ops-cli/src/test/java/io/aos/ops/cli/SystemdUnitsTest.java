package io.aos.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.monitor.cron.CrontabLine;
import io.aos.ops.monitor.daemon.DaemonControl;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/**
 * The shipped systemd units, read as unit files without systemd (the {@code SystemdUnitsIT} runs
 * {@code systemd-analyze verify} on them): the sections and keys each needs, ExecStart lines that are real
 * {@code aos-ops} commands, and a timer whose schedule is the runbook's crontab schedule.
 */
class SystemdUnitsTest {

    static Map<String, Map<String, List<String>>> unit(String name) throws Exception {
        return SystemdUnits.parse(SystemdUnits.dir().resolve(name));
    }

    static String one(Map<String, Map<String, List<String>>> unit, String section, String key) {
        assertThat(unit).as("[%s]", section).containsKey(section);
        assertThat(unit.get(section)).as("[%s] %s", section, key).containsKey(key);
        assertThat(unit.get(section).get(key)).as("[%s] %s once", section, key).hasSize(1);
        return unit.get(section).get(key).get(0);
    }

    /** The ExecStart's arguments after /usr/bin/aos-ops, parsed by the real command line down to a leaf command. */
    static String commandOf(String execStart) {
        String[] words = execStart.split(" +");
        assertThat(words[0]).isEqualTo("/usr/bin/aos-ops");
        String[] args = Arrays.copyOfRange(words, 1, words.length);
        ParseResult parsed = AosOps.commandLine(args).parseArgs(args);
        StringBuilder path = new StringBuilder();
        for (ParseResult p = parsed.subcommand(); p != null; p = p.subcommand()) {
            path.append(path.length() == 0 ? "" : " ").append(p.commandSpec().name());
        }
        return path.toString();
    }

    @Test
    void theMonitorServiceRunsTheDaemonInTheForegroundAndRestartsItOnFailure() throws Exception {
        var unit = unit("aos-ops-monitor.service");

        assertThat(unit).containsOnlyKeys("Unit", "Service", "Install");
        assertThat(one(unit, "Unit", "Description")).isNotBlank();
        assertThat(one(unit, "Service", "Type")).isEqualTo("simple");
        assertThat(one(unit, "Service", "Restart")).isEqualTo("on-failure");
        assertThat(one(unit, "Service", "EnvironmentFile")).isEqualTo("-/etc/default/aos-ops");
        // 'aos-ops monitor stop' ends the daemon with SIGTERM, and the JVM then exits 143: not a failure to restart
        assertThat(one(unit, "Service", "SuccessExitStatus")).isEqualTo("143");
        assertThat(commandOf(one(unit, "Service", "ExecStart"))).isEqualTo("monitor daemon");
        assertThat(one(unit, "Install", "WantedBy")).isEqualTo("multi-user.target");
    }

    @Test
    void theDaemonsCommandLineUnderSystemdIsOneMonitorStatusAndStopTrust() throws Exception {
        var unit = unit("aos-ops-monitor.service");
        String javaOpts = unit.get("Service").get("Environment").stream()
                .map(e -> e.replaceAll("^\"|\"$", ""))
                .filter(e -> e.startsWith("AOS_OPS_JAVA_OPTS="))
                .map(e -> e.substring("AOS_OPS_JAVA_OPTS=".length()))
                .findFirst().orElseThrow();
        String args = one(unit, "Service", "ExecStart").substring("/usr/bin/aos-ops ".length());
        // what bin/aos-ops execs: java, its own options, AOS_OPS_JAVA_OPTS, -jar, the arguments
        String commandLine = "/usr/lib/jvm/java-17/bin/java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto "
                + javaOpts + " -jar /usr/lib/aos-ops/aos-ops.jar " + args;

        assertThat(DaemonControl.DAEMON_COMMAND_LINE.test(commandLine)).as(commandLine).isTrue();
        assertThat(unit.get("Service").get("Environment")).contains("AOS_OPS_CDS=off");
    }

    @Test
    void theCronCheckServiceIsAOneShotRunOfTheCronCheck() throws Exception {
        var unit = unit("aos-ops-cron-check.service");

        assertThat(unit).containsOnlyKeys("Unit", "Service");
        assertThat(one(unit, "Service", "Type")).isEqualTo("oneshot");
        assertThat(one(unit, "Service", "EnvironmentFile")).isEqualTo("-/etc/default/aos-ops");
        assertThat(commandOf(one(unit, "Service", "ExecStart"))).isEqualTo("cron-check");
    }

    @Test
    void theTimerRunsTheCronCheckServiceOnTheSeedsCrontabSchedule() throws Exception {
        var timer = unit("aos-ops-cron-check.timer");

        assertThat(timer).containsOnlyKeys("Unit", "Timer", "Install");
        assertThat(one(timer, "Timer", "Unit")).isEqualTo("aos-ops-cron-check.service");
        assertThat(SystemdUnits.dir().resolve("aos-ops-cron-check.service")).isRegularFile();
        assertThat(one(timer, "Install", "WantedBy")).isEqualTo("timers.target");
        String onCalendar = one(timer, "Timer", "OnCalendar");
        // systemd.time(7): "*:0/15" is hour *, minute 0 repeating every 15, second 0; cron's "*/15" is minutes
        // 0-59 step 15: both fire at minutes 0, 15, 30 and 45 of every hour
        assertThat(onCalendar).matches("\\*:\\d+/\\d+");
        String[] minute = onCalendar.substring(2).split("/");
        assertThat(minutes(Integer.parseInt(minute[0]), Integer.parseInt(minute[1])))
                .isEqualTo(minutes(0, Integer.parseInt(CrontabLine.SCHEDULE.split(" ")[0].substring(2))))
                .containsExactly(0, 15, 30, 45);
    }

    private static TreeSet<Integer> minutes(int start, int step) {
        TreeSet<Integer> set = new TreeSet<>();
        IntStream.iterate(start, m -> m < 60, m -> m + step).forEach(set::add);
        return set;
    }

    @Test
    void everyShippedUnitIsListed() throws Exception {
        try (var files = java.nio.file.Files.list(SystemdUnits.dir())) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).containsExactlyInAnyOrderElementsOf(
                    SystemdUnits.FILES);
        }
    }
}
