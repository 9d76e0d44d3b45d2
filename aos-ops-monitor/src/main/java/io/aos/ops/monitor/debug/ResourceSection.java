package io.aos.ops.monitor.debug;

import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.process.ProcessStatus;
import io.aos.ops.monitor.probe.DiskProbe;
import io.aos.ops.monitor.probe.ProbeResult;
import io.aos.ops.monitor.probe.Thresholds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Section 5: disk of every filesystem holding the run, its log, the golden and the state directories (the monitor's
 * disk probe, with its 90/95 % levels), memory of the run ({@code VmRSS} of {@code /proc/<pid>/status}) and of the
 * machine ({@code MemTotal}/{@code MemAvailable} of {@code /proc/meminfo}).
 */
final class ResourceSection implements DebugSection {

    private final ProbeResult disk;
    private final List<DiskProbe.Usage> filesystems = new ArrayList<>();
    private final OptionalLong runRssBytes;
    private final OptionalLong memTotalBytes;
    private final OptionalLong memAvailableBytes;
    private final List<String> unreadable = new ArrayList<>();

    private ResourceSection(DebugInputs in, Path procRoot) {
        // The probe adds the run directory itself; a log inside it would only name it twice.
        Set<Path> fixed = new LinkedHashSet<>();
        in.log().map(Path::toAbsolutePath).map(Path::getParent).ifPresent(fixed::add);
        fixed.add(in.config().path(OpsSetting.GOLDEN_DIR));
        fixed.add(in.config().path(OpsSetting.STATE_DIR));
        in.run().runDir().ifPresent(dir -> fixed.remove(dir.toAbsolutePath()));
        this.disk = new DiskProbe(Thresholds.from(in.config()), List.copyOf(fixed)).check(in.snapshot());
        if (disk.figures().get("filesystems") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof DiskProbe.Usage u) {
                    filesystems.add(u);
                }
            }
        }
        if (filesystems.isEmpty()) {
            unreadable.add("disk usage: " + disk.message());
        }
        Optional<ProcessStatus> alive = in.snapshot().process().filter(ProcessStatus::isAlive);
        if (alive.isPresent()) {
            Path status = procRoot.resolve(Long.toString(alive.get().pid())).resolve("status");
            runRssBytes = kibField(status, "VmRSS:");
        } else {
            runRssBytes = OptionalLong.empty();
        }
        Path meminfo = procRoot.resolve("meminfo");
        memTotalBytes = kibField(meminfo, "MemTotal:");
        memAvailableBytes = kibField(meminfo, "MemAvailable:");
    }

    static ResourceSection of(DebugInputs in) {
        return new ResourceSection(in, Path.of("/proc"));
    }

    /** A {@code Name:   1234 kB} field of a /proc file, in bytes; empty (and noted) when it cannot be read. */
    private OptionalLong kibField(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name)) {
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
            unreadable.add(file + ": has no " + name + " line");
        } catch (IOException | NumberFormatException e) {
            unreadable.add(file + ": cannot be read (" + e.getMessage() + "): memory unknown");
        }
        return OptionalLong.empty();
    }

    @Override
    public String key() {
        return "resources";
    }

    @Override
    public String title() {
        return "Resource usage";
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("disk_status", disk.status().name());
        List<Map<String, Object>> fs = new ArrayList<>();
        for (DiskProbe.Usage u : filesystems) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("filesystem", u.filesystem());
            m.put("holds", u.holds());
            m.put("total_bytes", u.totalBytes());
            m.put("available_bytes", u.availableBytes());
            m.put("used_percent", u.usedPercent());
            fs.add(m);
        }
        json.put("filesystems", fs);
        json.put("run_rss_bytes", runRssBytes.isPresent() ? runRssBytes.getAsLong() : null);
        json.put("memory_total_bytes", memTotalBytes.isPresent() ? memTotalBytes.getAsLong() : null);
        json.put("memory_available_bytes", memAvailableBytes.isPresent() ? memAvailableBytes.getAsLong() : null);
        json.put("unreadable", unreadable);
        return json;
    }

    @Override
    public void render(StringBuilder out) {
        out.append("  Disk (").append(disk.status().name()).append("):\n");
        for (DiskProbe.Usage u : filesystems) {
            out.append(String.format("    %3d%% used, %s free of %s  %s  (holds %s)%n", u.usedPercent(),
                    HumanBytes.format(u.availableBytes()), HumanBytes.format(u.totalBytes()), u.filesystem(),
                    String.join(", ", u.holds())));
        }
        out.append("  Run memory:    ").append(runRssBytes.isPresent() ? HumanBytes.format(runRssBytes.getAsLong()) + " RSS"
                : "unknown (no live run process)").append('\n');
        out.append("  Machine:       ");
        if (memTotalBytes.isPresent() && memAvailableBytes.isPresent()) {
            long total = memTotalBytes.getAsLong();
            long available = memAvailableBytes.getAsLong();
            out.append(HumanBytes.format(available)).append(" available of ").append(HumanBytes.format(total)).append(" (")
                    .append(total == 0 ? 0 : (total - available) * 100 / total).append("% used)\n");
        } else {
            out.append("unknown (no /proc/meminfo)\n");
        }
    }

    @Override
    public List<String> unreadable() {
        return List.copyOf(unreadable);
    }
}
