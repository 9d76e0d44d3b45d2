package io.aos.ops.retention;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.retention.scan.MonitoredDirectories;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a retention run needs to know: which golden directories it watches, where archives go, the default
 * age, the action log, where its locks and journals live, and the clock that decides a file's age.
 * {@code directoriesNamed} is true when the operator named the directories ({@code --dir},
 * {@code AOS_RETENTION_DIRS}, or a service's own list): then each must exist, and a missing one is a usage error
 * rather than a directory with nothing to do; the default list (every shadow run's {@code golden}/{@code traces},
 * {@code GOLDEN_DIR}) may hold directories that do not exist yet.
 *
 * <p>Public API: services build one with {@link #from} and hand it to the retention services. Immutable and
 * thread-safe.
 *
 * @param directories      the golden directories watched
 * @param archiveDir       where archives are written
 * @param defaultDays      files older than this many days are archived or cleaned up when a call names no age
 * @param logFile          the action log
 * @param stateDir         the state directory; locks and delete journals live in {@link #workDir()}
 * @param clock            decides a file's age
 * @param directoriesNamed whether the caller named the directories (then each must exist)
 */
public record RetentionSettings(
        List<Path> directories,
        Path archiveDir,
        int defaultDays,
        Path logFile,
        Path stateDir,
        Clock clock,
        boolean directoriesNamed) {

    /**
     * Checks the components and copies the directory list.
     *
     * @throws IllegalArgumentException if {@code defaultDays} is negative
     * @throws NullPointerException if a component is null
     */
    public RetentionSettings {
        directories = List.copyOf(directories);
        checkNotNull(archiveDir, "archiveDir");
        checkArgument(defaultDays >= 0, "retention days must be >= 0, not %s", defaultDays);
        checkNotNull(logFile, "logFile");
        checkNotNull(stateDir, "stateDir");
        checkNotNull(clock, "clock");
    }

    /**
     * Settings from the configuration: the monitored directories are {@code explicitDirs} when given, else
     * {@code AOS_RETENTION_DIRS} (colon-separated), else every {@code $AOS_SHADOW_GLOB/golden} and
     * {@code $AOS_SHADOW_GLOB/traces} plus {@code GOLDEN_DIR}.
     *
     * @param config       paths, {@code RETENTION_DAYS} and {@code AOS_RETENTION_DIRS}
     * @param explicitDirs directories the operator named, or null or empty for the default list
     * @param clock        decides a file's age
     * @return the settings
     * @throws BadConfigurationException if {@code RETENTION_DAYS} is not a whole number of 0 or more
     */
    public static RetentionSettings from(OpsConfig config, List<Path> explicitDirs, Clock clock) {
        return from(config, explicitDirs, clock, days(config));
    }

    /**
     * Settings for work that uses no age ({@code status}, {@code verify}, {@code restore}): as {@link #from}, but a
     * {@code RETENTION_DAYS} that is not a whole number of 0 or more is no error here ({@link #defaultDays()} is
     * then the default, 7); {@link #daysProblem} says what is wrong with it, for a warning.
     *
     * @param config       paths, {@code RETENTION_DAYS} and {@code AOS_RETENTION_DIRS}
     * @param explicitDirs directories the operator named, or null or empty for the default list
     * @param clock        decides a file's age
     * @return the settings
     */
    public static RetentionSettings withoutAge(OpsConfig config, List<Path> explicitDirs, Clock clock) {
        OpsConfig ageFrom = daysProblem(config).isPresent() ? OpsConfig.of(Map.of()) : config; // the default age
        return from(config, explicitDirs, clock, days(ageFrom));
    }

    /**
     * What is wrong with {@code RETENTION_DAYS}, in the sentence {@link #from} would throw, or empty when it is fine.
     *
     * @param config the configuration
     * @return the problem, naming the value
     */
    public static Optional<String> daysProblem(OpsConfig config) {
        try {
            days(config);
            return Optional.empty();
        } catch (BadConfigurationException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static int days(OpsConfig config) {
        int days = config.intValue(OpsSetting.RETENTION_DAYS);
        if (days < 0) {
            throw new BadConfigurationException("RETENTION_DAYS must be 0 or more, not " + days);
        }
        return days;
    }

    private static RetentionSettings from(OpsConfig config, List<Path> explicitDirs, Clock clock, int days) {
        return new RetentionSettings(
                MonitoredDirectories.resolve(config, explicitDirs),
                config.path(OpsSetting.ARCHIVE_DIR),
                days,
                config.path(OpsSetting.RETENTION_LOG),
                config.path(OpsSetting.STATE_DIR),
                clock,
                explicitDirs != null && !explicitDirs.isEmpty()
                        || !config.env(MonitoredDirectories.DIRS_ENV).orElse("").isBlank());
    }

    /**
     * The same settings watching other directories, named by the caller (so each must exist).
     *
     * @param dirs the directories
     * @return a copy
     */
    public RetentionSettings withDirectories(List<Path> dirs) {
        return new RetentionSettings(dirs, archiveDir, defaultDays, logFile, stateDir, clock, true);
    }

    /**
     * The same settings with another clock (tests).
     *
     * @param other the clock
     * @return a copy
     */
    public RetentionSettings withClock(Clock other) {
        return new RetentionSettings(directories, archiveDir, defaultDays, logFile, stateDir, other,
                directoriesNamed);
    }

    /**
     * Where retention keeps its locks and delete journals.
     *
     * @return {@code <stateDir>/retention}
     */
    public Path workDir() {
        return stateDir.resolve("retention");
    }

    /**
     * Refuses, before anything is done, a directory the operator named ({@link #directoriesNamed()}) that does not
     * exist or is not a directory: a named directory with nothing in it to act on would otherwise look like success.
     * Default directories are not checked (they may not exist yet).
     *
     * @param nothingDone what the message says did not happen, e.g. {@code "nothing was archived"}
     * @throws BadConfigurationException naming the first such directory
     */
    public void requireNamedDirectories(String nothingDone) {
        if (!directoriesNamed) {
            return;
        }
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) {
                throw new BadConfigurationException("golden directory " + dir
                        + (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) ? " is not a directory" : " does not exist")
                        + "; " + nothingDone);
            }
        }
    }
}
