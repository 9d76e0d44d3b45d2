package io.aos.ops.monitor.preflight;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.monitor.probe.ProbeResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The archive directory the run's goldens go to at the end must take files: an existing directory is tested by
 * writing (and removing) a file in it, as root's permission bits prove nothing; a missing one must be creatable
 * under its nearest existing ancestor, which must be a writable directory. Nothing is left behind. Not writable is
 * CRITICAL: the run's finish could not archive.
 */
public final class ArchiveDirProbe implements PreflightProbe {

    private final Path dir;

    public ArchiveDirProbe(Path dir) {
        this.dir = checkNotNull(dir, "dir").toAbsolutePath();
    }

    @Override
    public String name() {
        return "archive_dir";
    }

    @Override
    public ProbeResult check() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("archive_dir", dir.toString());
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            return critical("Archive directory " + dir + " cannot be created: " + existing + " is not a directory",
                    figures);
        }
        try {
            Path probe = Files.createTempFile(existing, ".aos-preflight-", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            return critical("Archive directory " + dir + " is not writable: " + (existing.equals(dir) ? ""
                    : "its ancestor " + existing + " ") + "refused a file (" + BackendHealthProbe.describe(e) + ")",
                    figures);
        }
        return ProbeResult.of(name(), HealthStatus.OK, "Archive directory " + dir + (existing.equals(dir)
                ? " is writable" : " can be created"), figures);
    }

    private ProbeResult critical(String message, Map<String, Object> figures) {
        return ProbeResult.of(name(), HealthStatus.CRITICAL, message, figures);
    }
}
