package io.aos.ops.monitor.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.core.BadInputException;
import io.aos.ops.core.process.ProcessTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PID file that is damaged (empty after a full disk, garbage, a directory, too large) is a bad input naming it and
 * saying what to do, never an internal error. Nothing here starts a process: each case is refused before.
 */
class DamagedPidFileTest {

    @TempDir
    Path tmp;

    private DaemonControl control(Path pid) {
        // a command line nothing on this machine has: no daemon is found running
        return new DaemonControl(pid, tmp.resolve("m.log"), tmp.resolve("a.json"), ProcessTable.system(),
                cmd -> cmd.contains("no-such-daemon-" + tmp.getFileName()));
    }

    @Test
    void stopWithAnEmptyPidFileSaysNoDaemonCanBeIdentifiedAndHowToRemoveIt() throws Exception {
        Path pid = Files.writeString(tmp.resolve("shadow_monitor.pid"), "");

        assertThatThrownBy(() -> control(pid).stop(Duration.ofSeconds(1)))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(pid + ": not a PID file (it is empty): there is no daemon it can identify")
                .hasMessageContaining("rm " + pid);
        assertThat(pid).exists();
    }

    @Test
    void stopWithGarbageNamesWhatTheFileHolds() throws Exception {
        Path pid = Files.writeString(tmp.resolve("shadow_monitor.pid"), "abc\n");

        assertThatThrownBy(() -> control(pid).stop(Duration.ofSeconds(1)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("first line is 'abc'").hasMessageContaining("rm " + pid);
    }

    @Test
    void startWithADirectoryOrAnOversizedFileForAPidFileIsABadInputAndStartsNothing() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("dir.pid"));
        assertThatThrownBy(() -> control(dir).start(List.of("false")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(dir + ": cannot be read (")
                .hasMessageContaining("nothing was started").hasMessageContaining("AOS_MONITOR_PID_FILE");

        Path big = Files.writeString(tmp.resolve("big.pid"), "1\n" + "x".repeat(5000));
        assertThatThrownBy(() -> control(big).start(List.of("false")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(big + ": cannot be read (").hasMessageContaining("nothing was started");
        assertThat(Files.readString(big)).startsWith("1\nxxx");
    }

    @Test
    void statusWithAnEmptyPidFileIsUnknownWithTheReason() throws Exception {
        Path pid = Files.writeString(tmp.resolve("shadow_monitor.pid"), "");

        DaemonStatus status = control(pid).status(5, 5);

        assertThat(status.state()).isEqualTo(DaemonState.UNKNOWN);
        assertThat(status.detail()).hasValueSatisfying(d -> assertThat(d).contains("it is empty"));
    }
}
