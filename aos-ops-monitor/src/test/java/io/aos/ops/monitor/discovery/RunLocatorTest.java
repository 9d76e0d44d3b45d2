package io.aos.ops.monitor.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.config.OpsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLocatorTest {

    @TempDir
    Path tmp;

    private Path dir(String name, String modified) throws Exception {
        Path d = Files.createDirectories(tmp.resolve("tmp").resolve(name));
        Files.setLastModifiedTime(d, FileTime.from(Instant.parse(modified)));
        return d;
    }

    private Path file(Path path, String modified) throws Exception {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "x\n");
        Files.setLastModifiedTime(path, FileTime.from(Instant.parse(modified)));
        return path;
    }

    @Test
    void theNewestRunDirectoryByModificationTimeIsWatched() throws Exception {
        dir("shadow_simulation_20251202_131219", "2025-12-02T12:12:19Z");
        Path newer = dir("shadow_simulation_20251201_000000", "2025-12-03T00:00:00Z");
        dir("something_else", "2025-12-04T00:00:00Z");

        WatchedRun run = RunLocator.forConfig(OpsConfig.rootedAt(tmp)).discover(Optional.empty(), Optional.empty());

        assertThat(run.runDir()).contains(newer);
    }

    @Test
    void theRunsOwnLogBeatsTheNewestUpstreamLog() throws Exception {
        Path run = dir("shadow_simulation_1", "2025-12-02T12:00:00Z");
        Path own = file(run.resolve("shadow.log"), "2025-12-02T12:00:00Z");
        file(tmp.resolve("state/shadow_24h_20251203_000000.log"), "2025-12-03T00:00:00Z");

        assertThat(RunLocator.forConfig(OpsConfig.rootedAt(tmp)).discover(Optional.empty(), Optional.empty()).log())
                .contains(own);
    }

    @Test
    void withoutItsOwnLogTheNewestUpstreamLogIsUsed() throws Exception {
        dir("shadow_simulation_1", "2025-12-02T12:00:00Z");
        file(tmp.resolve("state/shadow_24h_20251202_131219.log"), "2025-12-02T12:12:19Z");
        Path newest = file(tmp.resolve("state/shadow_24h_20251203_131219.log"), "2025-12-03T12:12:19Z");

        assertThat(RunLocator.forConfig(OpsConfig.rootedAt(tmp)).discover(Optional.empty(), Optional.empty()).log())
                .contains(newest);
    }

    @Test
    void anExplicitRunDirThatDoesNotExistIsAnErrorNamingIt() {
        Path missing = tmp.resolve("nope");

        assertThatThrownBy(() -> RunLocator.forConfig(OpsConfig.rootedAt(tmp))
                .discover(Optional.of(missing), Optional.empty()))
                .isInstanceOf(AosOpsException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void nothingFoundIsAnEmptyRunNotAnError() {
        WatchedRun run = RunLocator.forConfig(OpsConfig.rootedAt(tmp)).discover(Optional.empty(), Optional.empty());

        assertThat(run.runDir()).isEmpty();
        assertThat(run.log()).isEmpty();
    }

    @Test
    void theRunDirectoriesAreWhatTheGlobMatchesWhetherTheyExistOrNot() throws Exception {
        java.util.function.Predicate<Path> runs = RunLocator.forConfig(OpsConfig.rootedAt(tmp)).runDirectories();
        Path existing = dir("shadow_simulation_20251202_131219", "2025-12-02T12:12:19Z");

        assertThat(runs.test(existing)).isTrue();
        assertThat(runs.test(tmp.resolve("tmp/shadow_simulation_20261203_140000"))).as("not created yet").isTrue();
        assertThat(runs.test(tmp.resolve("tmp/x/../shadow_simulation_1"))).as("normalised").isTrue();
        assertThat(runs.test(tmp.resolve("tmp/something_else"))).isFalse();
        assertThat(runs.test(tmp.resolve("data/shadow_simulation_1"))).as("another parent").isFalse();
        assertThat(runs.test(tmp.resolve("tmp/shadow_simulation_1/golden"))).as("below a run").isFalse();
        assertThat(runs.test(Path.of("/"))).isFalse();
        // the oracle: every directory the locator finds by the glob is one of them
        WatchedRun found = RunLocator.forConfig(OpsConfig.rootedAt(tmp)).discover(Optional.empty(), Optional.empty());
        assertThat(found.runDir()).hasValueSatisfying(d -> assertThat(runs.test(d)).isTrue());
    }
}
