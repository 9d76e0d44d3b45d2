package io.aos.ops.monitor.preflight;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.monitor.cron.CronInstallation;
import io.aos.ops.monitor.probe.ProbeResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The runbook's {@code crontab -l | grep shadow}: the cron check is scheduled. Accepted: the file {@code aos-ops
 * cron install} writes ({@code $AOS_CRON_DIR/aos-ops} holding {@link CronInstallation#MARKER} and a line that runs the cron check),
 * or a user crontab that runs {@code shadow_cron_check.sh} or {@code cron-check}. Neither is a WARNING: the run can
 * start, but nobody would be told if it died.
 */
public final class CronEntryProbe implements PreflightProbe {

    private final Path cronDir;
    private final Supplier<Optional<String>> userCrontab;

    /**
     * @param cronDir     {@code /etc/cron.d} or what {@code AOS_CRON_DIR} says
     * @param userCrontab the user's crontab ({@code crontab -l}), empty when there is none or it cannot be listed
     */
    public CronEntryProbe(Path cronDir, Supplier<Optional<String>> userCrontab) {
        this.cronDir = checkNotNull(cronDir, "cronDir");
        this.userCrontab = checkNotNull(userCrontab, "userCrontab");
    }

    @Override
    public String name() {
        return "cron";
    }

    /** True if {@code text} is our installed file: the marker and an active line that runs the cron check. */
    public static boolean isInstalledFile(String text) {
        return text.lines().map(String::strip).anyMatch(CronInstallation.MARKER::equals) && crontabRunsCheck(text);
    }

    /** True if a user crontab has an active line running the cron check. */
    public static boolean crontabRunsCheck(String crontab) {
        return crontab.lines().map(String::strip).anyMatch(l -> !l.startsWith("#")
                && (l.contains("shadow_cron_check.sh") || l.contains("cron-check")));
    }

    @Override
    public ProbeResult check() {
        Path file = cronDir.resolve(CronInstallation.FILE_NAME);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("cron_file", file.toString());
        String fileNote;
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (isInstalledFile(text)) {
                figures.put("source", "cron_file");
                return ProbeResult.of(name(), HealthStatus.OK, "Cron check installed: " + file, figures);
            }
            fileNote = file + " does not run cron-check under the aos-ops marker";
        } catch (NoSuchFileException e) {
            fileNote = "no " + file;
        } catch (IOException | RuntimeException e) {
            fileNote = file + " cannot be read (" + BackendHealthProbe.describe(e) + ")";
        }
        Optional<String> crontab = userCrontab.get();
        if (crontab.filter(CronEntryProbe::crontabRunsCheck).isPresent()) {
            figures.put("source", "crontab");
            return ProbeResult.of(name(), HealthStatus.OK, "Cron check in the user's crontab", figures);
        }
        return ProbeResult.of(name(), HealthStatus.WARNING, "Cron check not installed (" + fileNote
                + (crontab.isPresent() ? "; the user's crontab does not run it" : "; no user crontab")
                + "): run 'aos-ops cron install'", figures);
    }

    /** {@code crontab -l} (or the given command), its output if it exits 0 within the timeout. */
    public static Supplier<Optional<String>> listing(List<String> command, java.time.Duration timeout) {
        return () -> {
            if (command.isEmpty()) {
                return Optional.empty();
            }
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                byte[] out = p.getInputStream().readNBytes(1 << 20);
                if (!p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    return Optional.empty();
                }
                return p.exitValue() == 0 ? Optional.of(new String(out, StandardCharsets.UTF_8)) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty(); // no crontab binary
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        };
    }
}
