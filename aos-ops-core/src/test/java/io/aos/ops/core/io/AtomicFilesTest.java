package io.aos.ops.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AtomicFilesTest {

    @Test
    void aReaderNeverSeesAPartialFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("status.json");
        // Two versions, each large enough that a non-atomic write would be observed half-done.
        String a = "A".repeat(512 * 1024);
        String b = "B".repeat(256 * 1024);
        AtomicFiles.replace(target, a);
        Set<Integer> seenLengths = Collections.synchronizedSet(new HashSet<>());
        AtomicBoolean done = new AtomicBoolean();
        List<String> torn = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try {
                    String content = Files.readString(target, StandardCharsets.UTF_8);
                    seenLengths.add(content.length());
                    if (!content.equals(a) && !content.equals(b)) {
                        torn.add(content.length() + " chars");
                    }
                } catch (NoSuchFileException e) {
                    torn.add("file missing");
                } catch (IOException e) {
                    torn.add(e.toString());
                }
            }
        });
        reader.start();
        for (int i = 0; i < 100; i++) {
            AtomicFiles.replace(target, i % 2 == 0 ? b : a);
        }
        done.set(true);
        reader.join();
        assertThat(torn).isEmpty();
        assertThat(seenLengths).isNotEmpty();
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("x.json");
        AtomicFiles.replace(target, "old");
        assertThatThrownBy(() -> AtomicFiles.replace(target, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(target)).isEqualTo("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void replaceCreatesMissingDirectories(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("a/b/c.txt");
        AtomicFiles.replace(target, "x");
        assertThat(Files.readString(target)).isEqualTo("x");
    }

    @Test
    void replaceWithPermissionsGivesTheFileExactlyThoseWhateverTheUmask(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("aos-ops");
        Files.writeString(target, "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-rw-"));
        AtomicFiles.replace(target, "new\n".getBytes(StandardCharsets.UTF_8),
                PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(Files.readString(target)).isEqualTo("new\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(target);
        }
    }

    @Test
    void appendedLinesFromManyThreadsNeverInterleave(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("audit.log");
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    try {
                        AtomicFiles.appendLine(log, "thread-" + id + " line-" + i + " " + "x".repeat(200));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(200).allMatch(l -> l.matches("thread-\\d line-\\d+ x{200}"));
    }
}
