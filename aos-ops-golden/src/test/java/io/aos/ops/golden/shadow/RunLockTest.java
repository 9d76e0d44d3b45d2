package io.aos.ops.golden.shadow;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {

    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("try") // the lock is held for the body of the try, never read
    void aDirectoryInUseIsRefusedNamingThePidItsPidFileHolds() throws Exception {
        ShadowRunLayout layout = ShadowRunLayout.of(tmp);
        Files.writeString(layout.pidFile(), "4242\n");
        try (FileChannel held = FileChannel.open(layout.pidFile(), StandardOpenOption.WRITE);
             FileLock lock = held.lock()) {
            assertThatThrownBy(() -> RunLock.acquire(layout))
                    .isInstanceOf(AosOpsException.class)
                    .hasMessageContaining("in use by a running shadow simulation (PID 4242)");
        }
    }
}
