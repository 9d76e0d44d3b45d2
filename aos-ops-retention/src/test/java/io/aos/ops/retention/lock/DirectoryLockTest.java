package io.aos.ops.retention.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryLockTest {

    @TempDir
    Path tmp;

    @Test
    void aSymlinkedAliasOfADirectoryTakesTheSameLock() throws Exception {
        Path work = tmp.resolve("state/retention");
        Path real = Files.createDirectories(tmp.resolve("data/run/golden"));
        Path alias = Files.createSymbolicLink(tmp.resolve("alias"), real.getParent());

        Optional<DirectoryLock> held = DirectoryLock.tryAcquire(work, real);
        assertThat(held).isPresent();
        try {
            assertThat(DirectoryLock.tryAcquire(work, alias.resolve("golden"))).isEmpty();
            assertThat(DirectoryLock.tryAcquire(work, tmp.resolve("data/run/../run/golden"))).isEmpty();
        } finally {
            held.get().close();
        }
        assertThat(DirectoryLock.keyOf(alias.resolve("golden"))).isEqualTo(DirectoryLock.keyOf(real));
        Optional<DirectoryLock> again = DirectoryLock.tryAcquire(work, alias.resolve("golden"));
        assertThat(again).isPresent();
        try {
            assertThat(DirectoryLock.tryAcquire(work, real)).isEmpty();
        } finally {
            again.get().close();
        }
    }

    @Test
    void differentDirectoriesTakeDifferentLocks() throws Exception {
        Path work = tmp.resolve("state/retention");
        Path a = Files.createDirectories(tmp.resolve("a/run/golden"));
        Path b = Files.createDirectories(tmp.resolve("b/run/golden"));
        Optional<DirectoryLock> lockA = DirectoryLock.tryAcquire(work, a);
        Optional<DirectoryLock> lockB = DirectoryLock.tryAcquire(work, b);
        try {
            assertThat(lockA).isPresent();
            assertThat(lockB).isPresent();
            assertThat(DirectoryLock.keyOf(a)).isNotEqualTo(DirectoryLock.keyOf(b));
        } finally {
            lockA.orElseThrow().close();
            lockB.orElseThrow().close();
        }
    }
}
