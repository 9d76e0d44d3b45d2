package io.aos.ops.monitor.debug;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.process.ProcessTable;
import io.aos.ops.golden.shadow.FaultInjection;
import io.aos.ops.golden.shadow.ShadowRunListener;
import io.aos.ops.golden.shadow.ShadowRunOptions;
import io.aos.ops.golden.shadow.ShadowRunResult;
import io.aos.ops.golden.shadow.ShadowRunner;
import io.aos.ops.golden.shadow.StopCheck;
import io.aos.ops.golden.shadow.spi.WorkflowRegistry;
import io.aos.ops.monitor.discovery.WatchedRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Runs of the real runner, and the hand-written upstream run, for the debug console tests. */
final class RunFixtures {

    private RunFixtures() {
    }

    /** Runs the suite's runner for {@code cycles} cycles into {@code dir}, with the given injections. */
    static ShadowRunResult run(Path dir, long cycles, long seed, String... injections) {
        ShadowRunOptions.Builder options = ShadowRunOptions.builder(dir).cycles(cycles).cycleInterval(Duration.ZERO)
                .workflowsPerCycle(6).seed(seed).verbose(true);
        for (String injection : injections) {
            options.inject(FaultInjection.parse(injection));
        }
        return new ShadowRunner(options.build(), WorkflowRegistry.builtins(), StopCheck.NEVER, Clock.systemUTC(),
                ShadowRunListener.NONE).run();
    }

    /** Copies the upstream-format run beside this class into {@code target} and returns it. */
    static Path upstreamRun(Path target) {
        try {
            Path source = Path.of(RunFixtures.class.getResource("upstream-run").toURI());
            try (Stream<Path> files = Files.walk(source)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Path to = target.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A console on {@code runDir} and {@code log} that never looks for upstream's runner in the process table. */
    static DebugConsole console(Path stateDir, Path runDir, Optional<Path> log) {
        return DebugConsole.create(OpsConfig.rootedAt(stateDir), new WatchedRun(Optional.of(runDir), log),
                Clock.systemUTC(), ProcessTable.system(), commandLine -> false);
    }

    /** Name to size and modification time of every file below {@code dir}: a listing to compare before and after. */
    static TreeMap<String, String> listing(Path dir) throws IOException {
        TreeMap<String, String> listing = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                listing.put(dir.relativize(p).toString(), a.size() + "@" + a.lastModifiedTime().toMillis());
            }
        }
        return listing;
    }
}
