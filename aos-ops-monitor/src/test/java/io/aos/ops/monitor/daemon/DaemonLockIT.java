package io.aos.ops.monitor.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.process.PidFile;
import io.aos.ops.core.process.ProcessTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon lock decides whether a daemon runs, whatever the PID file says. This JVM holds the lock as the daemon
 * does; the PID recorded in it is then a {@code sleep}'s, whose command line stands for the daemon's (a process never
 * proves itself to be the daemon it asks about). Nothing is signalled.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
@SuppressWarnings("try") // a lock held for the body of a try, not read
class DaemonLockIT {

    @TempDir
    Path tmp;

    private final long self = ProcessHandle.current().pid();
    private Process daemon;
    private long pid;

    @BeforeEach
    void standInDaemon() throws Exception {
        daemon = new ProcessBuilder("sleep", "300").start();
        pid = daemon.pid();
    }

    @AfterEach
    void stopStandIn() throws Exception {
        daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    private DaemonControl control(Path pidFile) {
        return new DaemonControl(pidFile, tmp.resolve("m.log"), tmp.resolve("a.json"), ProcessTable.system(),
                cmd -> cmd.endsWith("sleep 300"));
    }

    /** Holds the lock in this JVM, then records the stand-in's PID in it (the same file, so the same lock). */
    private DaemonLock holdForStandIn(DaemonControl control) throws Exception {
        DaemonLock lock = control.holdDaemonLock().orElseThrow();
        Files.writeString(lock.path(), PidFile.of(daemon.toHandle()).text());
        return lock;
    }

    @Test
    void theLockFileSitsBesideThePidFileAndRecordsTheHoldersPidAndStartTime() throws Exception {
        DaemonControl control = control(tmp.resolve("shadow_monitor.pid"));

        try (DaemonLock lock = control.holdDaemonLock().orElseThrow()) {
            assertThat(lock.path()).isEqualTo(tmp.resolve("shadow_monitor.pid.daemon.lock"));
            assertThat(PidFile.read(lock.path())).contains(PidFile.of(ProcessHandle.current()));
            assertThat(DaemonLock.holder(lock.path()).flatMap(DaemonLock.Holder::recorded).map(PidFile::pid))
                    .contains(self);
        }
        assertThat(DaemonLock.holder(tmp.resolve("shadow_monitor.pid.daemon.lock"))).isEmpty();
    }

    @Test
    void withThePidFileDeletedStatusIsRunningAndSaysThePidFileIsMissing() throws Exception {
        Path pidFile = tmp.resolve("shadow_monitor.pid");
        DaemonControl control = control(pidFile);

        try (DaemonLock lock = holdForStandIn(control)) {
            DaemonStatus status = control.status(5, 5);

            assertThat(status.state()).isEqualTo(DaemonState.RUNNING);
            assertThat(status.pid()).contains(pid);
            assertThat(status.detail()).hasValueSatisfying(d -> assertThat(d)
                    .contains("the PID file " + pidFile + " is missing", lock.path().toString()));
            assertThat(control.running().map(p -> p.pid())).contains(pid);
        }
        assertThat(control.status(5, 5).state()).isEqualTo(DaemonState.NOT_RUNNING);
    }

    @Test
    void withThePidFileNamingAnotherProcessStatusIsRunningWithTheLockHoldersPid() throws Exception {
        Path pidFile = tmp.resolve("shadow_monitor.pid");
        Files.writeString(pidFile, "1\n");
        DaemonControl control = control(pidFile);

        try (DaemonLock lock = holdForStandIn(control)) {
            DaemonStatus status = control.status(5, 5);

            assertThat(status.state()).isEqualTo(DaemonState.RUNNING);
            assertThat(status.pid()).contains(pid);
            assertThat(status.detail()).hasValueSatisfying(d -> assertThat(d)
                    .contains("the PID file " + pidFile + " names PID 1 instead"));
        }
    }

    @Test
    void startIsRefusedWhileTheLockIsHeldEvenWithoutAPidFile() throws Exception {
        Path pidFile = tmp.resolve("shadow_monitor.pid");
        DaemonControl control = control(pidFile);

        try (DaemonLock lock = holdForStandIn(control)) {
            // 'false' would exit at once: had it been started, start would have thrown
            DaemonControl.StartResult result = control.start(List.of("false"));

            assertThat(result.started()).isFalse();
            assertThat(result.pid()).isEqualTo(pid);
            assertThat(result.note()).hasValueSatisfying(n -> assertThat(n)
                    .contains("PID " + pid + " holds the daemon lock " + lock.path(), "is missing"));
            assertThat(pidFile).doesNotExist();
        }
    }

    @Test
    void aLockHeldByAProcessThatIsNotTheDaemonIsUnknownNotRunning() throws Exception {
        Path pidFile = tmp.resolve("shadow_monitor.pid");
        DaemonControl notUs = new DaemonControl(pidFile, tmp.resolve("m.log"), tmp.resolve("a.json"),
                ProcessTable.system(), cmd -> false);

        try (DaemonLock lock = notUs.holdDaemonLock().orElseThrow()) {
            DaemonStatus status = notUs.status(5, 5);

            assertThat(status.state()).isEqualTo(DaemonState.UNKNOWN);
            assertThat(status.detail()).hasValueSatisfying(d -> assertThat(d)
                    .contains("is held, but the PID recorded in it (" + self + ") is not a live monitor daemon"));
            assertThat(notUs.start(List.of("false")).started()).isFalse();
        }
    }

    @Test
    void stopSignalsTheLockHolderAndKeepsAPidFileThatNamesAnotherProcess() throws Exception {
        Path pidFile = tmp.resolve("shadow_monitor.pid");
        Files.writeString(pidFile, "1\n");
        DaemonControl control = control(pidFile);

        try (DaemonLock lock = holdForStandIn(control)) {
            DaemonControl.StopResult result = control.stop(Duration.ofSeconds(10));

            assertThat(result.outcome()).isEqualTo(DaemonControl.StopOutcome.STOPPED);
            assertThat(result.pid()).contains(pid);
            assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(pidFile)).isEqualTo("1\n");
        }
    }

    @Test
    void aSecondHolderInTheSameProcessIsRefused() throws Exception {
        DaemonControl control = control(tmp.resolve("shadow_monitor.pid"));

        try (DaemonLock lock = control.holdDaemonLock().orElseThrow()) {
            Optional<DaemonLock> second = control.holdDaemonLock();

            assertThat(second).isEmpty();
        }
    }
}
