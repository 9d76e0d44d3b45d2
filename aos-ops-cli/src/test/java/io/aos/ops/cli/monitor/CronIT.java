package io.aos.ops.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aos-ops cron install|show|remove} through the launcher and the built jar, with the cron directory from
 * {@code AOS_CRON_DIR}; then the installed entry is run the way cron runs it ({@code /bin/sh -c} with only the file's
 * environment lines) and must reach the real cron check with the installed state directory.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CronIT {

    static final Path REPO = Path.of(System.getProperty("aos.ops.repo", "..")).toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private CliRun aosOps(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(REPO.resolve("bin/aos-ops").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
        pb.environment().put("AOS_CRON_DIR", tmp.resolve("cron.d").toString());
        pb.environment().put("AOS_STATE_DIR", tmp.resolve("st ate").toString());
        pb.environment().put("AOS_SHADOW_GLOB", tmp.resolve("runs/shadow_simulation_*").toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("NO_COLOR", "1");
        return CliRun.process(pb, Files.createDirectories(tmp.resolve("out")));
    }

    @Test
    void theInstalledEntryRunsTheCronCheckOfThisCheckoutWithTheInstalledEnvironment() throws Exception {
        Files.createDirectories(tmp.resolve("cron.d"));

        CliRun install = aosOps("cron", "install");

        assertThat(install.code()).as(install.err()).isZero();
        Path file = tmp.resolve("cron.d/aos-ops");
        String content = Files.readString(file);
        assertThat(content).contains("AOS_STATE_DIR=" + tmp.resolve("st ate") + "\n")
                .contains(" root " + REPO.resolve("scripts/stress/shadow_cron_check.sh") + "\n");
        assertThat(aosOps("cron", "show").code()).isZero();
        assertThat(aosOps("cron", "install").out()).contains("unchanged");

        Map<String, String> env = new LinkedHashMap<>();
        String command = null;
        for (String line : content.lines().toList()) {
            if (line.matches("[A-Z_]+=.*")) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            } else if (line.startsWith("*/15 * * * * root ")) {
                command = line.substring("*/15 * * * * root ".length()).replace("\\%", "%");
            }
        }
        assertThat(command).isNotNull();
        ProcessBuilder cron = new ProcessBuilder("/bin/sh", "-c", command).directory(tmp.toFile());
        cron.environment().clear();
        cron.environment().put("PATH", "/usr/bin:/bin"); // cron's default
        cron.environment().putAll(env);
        cron.environment().put("AOS_SYSLOG_SOCKET", tmp.resolve("no-syslog").toString()); // the test's, not cron's
        cron.environment().put("HOME", tmp.toString());
        CliRun check = CliRun.process(cron, tmp.resolve("out"));

        // no shadow run below the installed AOS_SHADOW_GLOB: the cron check says so, CRITICAL, in the installed log
        assertThat(check.code()).as(check.err()).isEqualTo(1);
        assertThat(tmp.resolve("st ate/shadow_cron_alerts.log")).content().contains("CRITICAL");

        CliRun remove = aosOps("cron", "remove");
        assertThat(remove.code()).as(remove.err()).isZero();
        assertThat(file).doesNotExist();
        CliRun show = aosOps("cron", "show");
        assertThat(show.code()).isEqualTo(1);
        assertThat(show.out()).contains("MISSING");
    }
}
