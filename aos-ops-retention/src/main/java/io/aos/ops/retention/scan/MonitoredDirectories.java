package io.aos.ops.retention.scan;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which golden directories retention watches. A shadow run writes two kinds of golden files: the simulation goldens
 * in {@code <run>/golden} and the engine-format traces ({@code *.steps.jsonl}) in {@code <run>/traces}; a run keeps
 * both, so retention must watch both or the traces fill the disk unseen.
 */
public final class MonitoredDirectories {

    /** Colon-separated list of golden directories that replaces the defaults. */
    public static final String DIRS_ENV = "AOS_RETENTION_DIRS";

    /** The directories of a shadow run that hold golden files (see {@code ShadowRunLayout} and the runner). */
    static final List<String> RUN_SUBDIRECTORIES = List.of("golden", "traces");

    private MonitoredDirectories() {
    }

    /**
     * {@code explicit} when not empty; else {@code AOS_RETENTION_DIRS}; else every existing
     * {@code <AOS_SHADOW_GLOB>/golden} and {@code <AOS_SHADOW_GLOB>/traces} (runs sorted, each run's golden before
     * its traces) followed by {@code GOLDEN_DIR}. Duplicates are dropped.
     */
    public static List<Path> resolve(OpsConfig config, List<Path> explicit) {
        Set<Path> dirs = new LinkedHashSet<>();
        if (explicit != null && !explicit.isEmpty()) {
            explicit.forEach(d -> dirs.add(d.toAbsolutePath().normalize()));
            return List.copyOf(dirs);
        }
        String fromEnv = config.env(DIRS_ENV).orElse("");
        if (!fromEnv.isBlank()) {
            for (String part : fromEnv.split(":")) {
                if (!part.isBlank()) {
                    dirs.add(Path.of(part.trim()).toAbsolutePath().normalize());
                }
            }
            return List.copyOf(dirs);
        }
        for (Path run : expandGlob(config.get(OpsSetting.SHADOW_RUN_GLOB))) {
            for (String sub : RUN_SUBDIRECTORIES) {
                dirs.add(run.resolve(sub).toAbsolutePath().normalize());
            }
        }
        dirs.add(config.path(OpsSetting.GOLDEN_DIR).toAbsolutePath().normalize());
        return List.copyOf(dirs);
    }

    /** Expands a glob whose wildcards are in the last path component only (as {@code /tmp/shadow_simulation_*}). */
    static List<Path> expandGlob(String glob) {
        Path pattern = Path.of(glob);
        Path parent = pattern.getParent();
        Path name = pattern.getFileName();
        if (parent == null || name == null || !Files.isDirectory(parent)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(parent, name.toString())) {
            for (Path p : stream) {
                if (Files.isDirectory(p)) {
                    found.add(p);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        found.sort(null);
        return found;
    }
}
