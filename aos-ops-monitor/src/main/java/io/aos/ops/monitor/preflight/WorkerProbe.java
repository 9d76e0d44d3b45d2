package io.aos.ops.monitor.preflight;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.monitor.probe.ProbeResult;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The runbook's {@code docker ps | grep -E "worker|backend"}: running containers whose names or image match, through
 * the Docker Engine API when its socket is there; otherwise (or when the engine does not answer) the processes whose
 * command line matches. None found is CRITICAL and says where it looked.
 */
public final class WorkerProbe implements PreflightProbe {

    private final Optional<DockerEngine> docker;
    private final Pattern pattern;
    private final Supplier<Stream<ProcessHandle>> processes;

    /**
     * @param docker    the engine to ask, if one is configured
     * @param pattern   matched (find, as grep -E) against container names and image, or process command lines
     * @param processes the process table to fall back on
     */
    public WorkerProbe(Optional<DockerEngine> docker, Pattern pattern, Supplier<Stream<ProcessHandle>> processes) {
        this.docker = checkNotNull(docker, "docker");
        this.pattern = checkNotNull(pattern, "pattern");
        this.processes = checkNotNull(processes, "processes");
    }

    @Override
    public String name() {
        return "workers";
    }

    @Override
    public ProbeResult check() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("pattern", pattern.pattern());
        String dockerNote;
        if (docker.isPresent() && Files.exists(docker.get().socket())) {
            try {
                List<DockerEngine.Container> all = docker.get().runningContainers();
                List<String> matching = all.stream().filter(c -> pattern.matcher(c.searchText()).find())
                        .map(c -> c.names().isEmpty() ? c.image() : c.names().get(0)).toList();
                figures.put("source", "docker");
                figures.put("matches", matching);
                if (!matching.isEmpty()) {
                    return ProbeResult.of(name(), HealthStatus.OK, matching.size() + " container(s) match '"
                            + pattern.pattern() + "': " + String.join(", ", matching), figures);
                }
                dockerNote = "Docker at " + docker.get().socket() + ": " + all.size()
                        + " running container(s), none matches";
            } catch (IOException | RuntimeException e) {
                dockerNote = "Docker at " + docker.get().socket() + " did not answer: "
                        + BackendHealthProbe.describe(e);
            }
        } else {
            dockerNote = docker.map(d -> "no Docker socket at " + d.socket()).orElse("Docker not configured");
        }
        long self = ProcessHandle.current().pid();
        List<String> matching = new ArrayList<>();
        try (Stream<ProcessHandle> all = processes.get()) {
            all.filter(p -> p.pid() != self).forEach(p -> p.info().commandLine()
                    .filter(c -> pattern.matcher(c).find())
                    .ifPresent(c -> matching.add(p.pid() + " " + abbreviate(c))));
        }
        figures.put("source", "processes");
        figures.put("matches", matching);
        if (!matching.isEmpty()) {
            return ProbeResult.of(name(), HealthStatus.OK, matching.size() + " process(es) match '"
                    + pattern.pattern() + "' (" + dockerNote + "): " + abbreviate(matching.get(0))
                    + (matching.size() > 1 ? ", ..." : ""), figures);
        }
        return ProbeResult.of(name(), HealthStatus.CRITICAL, "No worker: nothing matches '" + pattern.pattern()
                + "' (" + dockerNote + "; no process either)", figures);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
