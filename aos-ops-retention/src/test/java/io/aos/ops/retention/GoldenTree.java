package io.aos.ops.retention;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.retention.log.RetentionLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Test fixture: a temp tree with a golden directory, settings rooted in it and a fixed clock. */
public final class GoldenTree {

    public static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");

    public final Path root;
    public final Path golden;
    public final Clock clock;
    public final List<String> console = new ArrayList<>();

    public GoldenTree(Path root) throws IOException {
        this.root = root;
        this.golden = root.resolve("tmp/shadow_simulation_20261127_010203/golden");
        Files.createDirectories(golden);
        this.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    }

    public RetentionSettings settings() {
        return RetentionSettings.from(OpsConfig.rootedAt(root), List.of(golden), clock);
    }

    public RetentionLog log() {
        return new RetentionLog(settings().logFile(), clock, console::add);
    }

    /** Writes a golden file {@code name} whose mtime is {@code age} before {@link #NOW}. */
    public Path file(String name, Duration age) throws IOException {
        Path p = golden.resolve(name);
        Files.createDirectories(p.getParent());
        String body = "{\"run\":\"" + name + "\",\"steps\":[{\"i\":0,\"hash\":\"" + Integer.toHexString(name.hashCode())
                + "\"}],\"pad\":\"" + "x".repeat(300) + "\"}\n";
        Files.writeString(p, body, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(p, FileTime.from(NOW.minus(age)));
        return p;
    }

    /** Name to content of every regular file below {@code dir}. */
    public static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p)) {
                    out.put(dir.relativize(p).toString(), Files.readString(p));
                }
            }
        }
        return out;
    }
}
