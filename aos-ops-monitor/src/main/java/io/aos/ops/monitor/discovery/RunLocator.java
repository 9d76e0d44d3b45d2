package io.aos.ops.monitor.discovery;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.BadInputException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.io.NotRegularFileException;
import io.aos.ops.core.io.RegularFile;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides which run and which log to watch, as the runbook's tools do but without their guesswork:
 *
 * <ul>
 *   <li>run directory: {@code --run-dir}, else the newest directory matching {@link OpsSetting#SHADOW_RUN_GLOB}
 *       ({@code /tmp/shadow_simulation_*}, by modification time like {@code ls -td});</li>
 *   <li>log: {@code --log}, else the run's own {@code shadow.log}, else the newest file matching
 *       {@link OpsSetting#SHADOW_LOG_GLOB} ({@code /var/lib/aos/shadow_24h_*.log}, upstream's nohup log).</li>
 * </ul>
 */
public final class RunLocator {

    private final OpsConfig config;

    private RunLocator(OpsConfig config) {
        this.config = config;
    }

    public static RunLocator forConfig(OpsConfig config) {
        return new RunLocator(checkNotNull(config, "config"));
    }

    /**
     * Finds the run to watch. A directory or log given explicitly must exist (a usage error names it otherwise); one
     * found by glob may be absent, and the probes report that.
     */
    public WatchedRun discover(Optional<Path> runDirFlag, Optional<Path> logFlag) {
        Optional<Path> runDir;
        if (runDirFlag.isPresent()) {
            if (!Files.isDirectory(runDirFlag.get())) {
                throw new BadInputException(runDirFlag.get(), "--run-dir is not a directory");
            }
            runDir = runDirFlag;
        } else {
            runDir = newest(config.get(OpsSetting.SHADOW_RUN_GLOB), true);
        }
        Optional<Path> log;
        if (logFlag.isPresent()) {
            try {
                RegularFile.check(logFlag.get());
            } catch (NotRegularFileException e) {
                throw new BadInputException(logFlag.get(), "--log " + e.getReason(), e);
            } catch (IOException e) {
                throw new BadInputException(logFlag.get(), "--log is not a file", e);
            }
            log = logFlag;
        } else {
            log = runDir.map(dir -> ShadowRunLayout.of(dir).logFile()).filter(Files::isRegularFile);
            if (log.isEmpty()) {
                log = newest(config.get(OpsSetting.SHADOW_LOG_GLOB), false);
            }
        }
        return new WatchedRun(runDir, log);
    }

    /**
     * The run directories {@link #discover} may find by glob: those {@link OpsSetting#SHADOW_RUN_GLOB} matches (its
     * parent directory, and its last element as a pattern), whether they exist yet or not. For a monitor that has
     * found no run to tell a runner that writes elsewhere from one of its runs.
     *
     * @return the test, on absolute or relative paths (made absolute against the working directory)
     */
    public Predicate<Path> runDirectories() {
        return new GlobMatch(config.get(OpsSetting.SHADOW_RUN_GLOB));
    }

    /**
     * A directory the glob matches: the same parent, a matching name. The pattern is compiled on the first test (a
     * check that finds its run never asks).
     */
    private static final class GlobMatch implements Predicate<Path> {
        private final String glob;
        private Path parent;
        private PathMatcher name;

        GlobMatch(String glob) {
            this.glob = glob;
        }

        @Override
        public synchronized boolean test(Path dir) {
            if (name == null) {
                Path pattern = Path.of(glob);
                Path p = pattern.toAbsolutePath().getParent();
                Path last = pattern.getFileName();
                if (p == null || last == null) {
                    return false;
                }
                parent = p.normalize();
                name = FileSystems.getDefault().getPathMatcher("glob:" + last);
            }
            Path absolute = dir.toAbsolutePath().normalize();
            Path fileName = absolute.getFileName();
            return fileName != null && parent.equals(absolute.getParent()) && name.matches(fileName);
        }

        @Override
        public String toString() {
            return glob;
        }
    }

    /**
     * The most recently modified entry matching {@code glob} (wildcards in the last path element only), directories
     * or regular files as asked; empty when none or when the parent directory does not exist.
     */
    static Optional<Path> newest(String glob, boolean directories) {
        Path pattern = Path.of(glob);
        Path parent = pattern.toAbsolutePath().getParent();
        if (parent == null) {
            return Optional.empty();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.getFileName());
        Path best = null;
        FileTime bestTime = null;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, p -> matcher.matches(p.getFileName()))) {
            for (Path entry : entries) {
                if (directories ? !Files.isDirectory(entry) : !Files.isRegularFile(entry)) {
                    continue;
                }
                FileTime time = Files.getLastModifiedTime(entry);
                if (best == null || time.compareTo(bestTime) > 0
                        || time.equals(bestTime) && entry.compareTo(best) > 0) {
                    best = entry;
                    bestTime = time;
                }
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new BadInputException(parent, "cannot be listed: " + e.getMessage(), e);
        }
        return Optional.ofNullable(best);
    }
}
