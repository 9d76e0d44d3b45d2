package io.aos.ops.monitor.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.monitor.probe.ProbeResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveDirProbeTest {

    @TempDir
    Path tmp;

    @Test
    void aWritableDirectoryIsOkAndKeepsNoProbeFile() throws Exception {
        ProbeResult r = new ArchiveDirProbe(tmp).check();

        assertThat(r.status()).isEqualTo(HealthStatus.OK);
        assertThat(r.message()).isEqualTo("Archive directory " + tmp + " is writable");
        try (var files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aMissingDirectoryUnderAWritableOneCanBeCreatedAndIsNotCreated() {
        ProbeResult r = new ArchiveDirProbe(tmp.resolve("archive/golden")).check();

        assertThat(r.status()).isEqualTo(HealthStatus.OK);
        assertThat(r.message()).endsWith("can be created");
        assertThat(tmp.resolve("archive")).doesNotExist();
    }

    @Test
    void aDirectoryUnderARegularFileIsCritical() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");

        ProbeResult r = new ArchiveDirProbe(file.resolve("archive")).check();

        assertThat(r.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(r.message()).isEqualTo("Archive directory " + file.resolve("archive") + " cannot be created: "
                + file + " is not a directory");
    }
}
