package io.aos.ops.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoReasonTest {

    @TempDir
    Path tmp;

    @Test
    void givesTheOperatingSystemsReasonWithoutRepeatingThePath() {
        assertThat(IoReason.of(new AccessDeniedException("/x/a.json"))).isEqualTo("Permission denied");
        assertThat(IoReason.of(new NoSuchFileException("/x/a.json"))).isEqualTo("No such file or directory");
        assertThat(IoReason.of(new FileSystemException("/x/a.sha256", null, "No space left on device")))
                .isEqualTo("No space left on device");
        assertThat(IoReason.of(new FileNotFoundException("/x/a.json (Permission denied)")))
                .isEqualTo("Permission denied");
        assertThat(IoReason.of(new IOException("Input/output error"))).isEqualTo("Input/output error");
        assertThat(IoReason.of(new IOException())).isEqualTo("IOException");
    }

    @Test
    void describeNamesTheFileAndTheReason() {
        assertThat(IoReason.describe(new FileSystemException("/x/a.sha256", null, "No space left on device")))
                .isEqualTo("/x/a.sha256: No space left on device");
        assertThat(IoReason.describe(new AccessDeniedException("/x/a.json"))).isEqualTo("/x/a.json: Permission denied");
        assertThat(IoReason.describe(new FileNotFoundException("/x/a.json (Is a directory)")))
                .isEqualTo("/x/a.json: Is a directory");
    }

    @Test
    void aDirectoryOpenedAsAFileSaysSo() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("a.golden.json"));
        try (FileInputStream in = new FileInputStream(dir.toFile())) {
            throw new AssertionError("opened a directory: " + in);
        } catch (FileNotFoundException e) {
            assertThat(IoReason.of(e)).isEqualTo("Is a directory");
        }
    }
}
