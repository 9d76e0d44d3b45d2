package io.aos.ops.core.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.core.io.NotRegularFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class LockFileTest {

    @TempDir
    Path tmp;

    @Test
    void aHeldLockIsNotTakenAgainUntilItIsClosed() throws Exception {
        Path file = tmp.resolve("locks/a.lock");
        Optional<LockFile> held = LockFile.tryAcquire(file);
        assertThat(held).isPresent();
        assertThat(file).isRegularFile();
        assertThat(LockFile.tryAcquire(file)).isEmpty();
        held.get().close();
        held.get().close(); // a second close does nothing
        Optional<LockFile> again = LockFile.tryAcquire(file);
        assertThat(again).isPresent();
        again.get().close();
        assertThat(file).as("the lock file stays").isRegularFile();
    }

    @Test
    void anAliasThroughASymlinkedDirectoryIsTheSameLock() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real"));
        Path alias = Files.createSymbolicLink(tmp.resolve("alias"), real);
        try (LockFile held = LockFile.acquire(real.resolve("x.lock"))) {
            assertThat(LockFile.tryAcquire(alias.resolve("x.lock"))).isEmpty();
            assertThat(LockFile.tryAcquire(tmp.resolve("real/../real/x.lock"))).isEmpty();
            assertThat(LockFile.isHeldElsewhere(alias.resolve("x.lock"))).isTrue();
            assertThat(held.path()).isEqualTo(real.resolve("x.lock"));
        }
        assertThat(LockFile.isHeldElsewhere(alias.resolve("x.lock"))).isFalse();
    }

    @Test
    void differentFilesAreDifferentLocks() throws Exception {
        try (LockFile a = LockFile.acquire(tmp.resolve("a.lock"));
             LockFile b = LockFile.acquire(tmp.resolve("b.lock"))) {
            assertThat(a.channel().isOpen()).isTrue();
            assertThat(b.channel().isOpen()).isTrue();
        }
    }

    @Test
    @Timeout(30)
    void acquireWaitsForAnotherThreadToRelease() throws Exception {
        Path file = tmp.resolve("b.lock");
        LockFile first = LockFile.acquire(file);
        AtomicReference<Thread> waiter = new AtomicReference<>();
        CompletableFuture<LockFile> second = CompletableFuture.supplyAsync(() -> {
            waiter.set(Thread.currentThread());
            try {
                return LockFile.acquire(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        // Poll until the second thread is parked on the lock: it must wait, not fail.
        while (waiter.get() == null || waiter.get().getState() != Thread.State.WAITING) {
            assertThat(second).isNotDone();
            Thread.sleep(5);
        }
        assertThat(second).isNotDone();
        first.close();
        LockFile got = second.get(20, TimeUnit.SECONDS);
        assertThat(got.path()).isEqualTo(file);
        got.close();
    }

    @Test
    void isHeldElsewhereOnAMissingFileCreatesNothing() throws Exception {
        Path file = tmp.resolve("none/c.lock");
        assertThat(LockFile.isHeldElsewhere(file)).isFalse();
        assertThat(tmp.resolve("none")).doesNotExist();
    }

    @Test
    void aDirectoryAtTheLockPathIsRefusedNamingWhatItIs() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("d.lock"));
        assertThatThrownBy(() -> LockFile.acquire(dir)).isInstanceOf(NotRegularFileException.class)
                .hasMessageContaining("is a directory");
        assertThatThrownBy(() -> LockFile.tryAcquire(dir)).isInstanceOf(NotRegularFileException.class);
        // the in-process permit was given back: a regular file there can be locked after the refusal
        Files.delete(dir);
        try (LockFile ok = LockFile.acquire(dir)) {
            assertThat(ok.path()).isRegularFile();
        }
    }
}
