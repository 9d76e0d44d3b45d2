package io.aos.ops.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.core.UnreadableFileException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FIFOs are made with mkfifo, a process, so they are in aos-ops-cli's RegularFileFifoIT; these need none. */
class RegularFileTest {

    @TempDir
    Path tmp;

    @Test
    void aRegularFileIsReadWhole() throws Exception {
        Path file = Files.writeString(tmp.resolve("status.json"), "{\"pid\": 1}");

        assertThat(RegularFile.readString(file, 100)).isEqualTo("{\"pid\": 1}");
        assertThat(RegularFile.check(file).size()).isEqualTo(10);
    }

    @Test
    void aSymlinkToARegularFileIsFollowed() throws Exception {
        Path target = Files.writeString(tmp.resolve("real.log"), "line\n");
        Path link = Files.createSymbolicLink(tmp.resolve("shadow.log"), target);

        assertThat(RegularFile.readString(link, 100)).isEqualTo("line\n");
    }

    @Test
    void aDirectoryIsRefusedNamingTheFileAndWhatItIs() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("cycle_4.json"));

        assertThatThrownBy(() -> RegularFile.readAllBytes(dir, 100))
                .isInstanceOf(NotRegularFileException.class)
                .hasMessage(dir + ": is a directory, not a regular file");
    }

    @Test
    void aSymlinkToADirectoryIsRefusedToo() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("d"));
        Path link = Files.createSymbolicLink(tmp.resolve("status.json"), dir);

        assertThatThrownBy(() -> RegularFile.newInputStream(link, 100))
                .isInstanceOf(NotRegularFileException.class)
                .hasMessageContaining("status.json: is a directory");
    }

    @Test
    void aMissingFileIsNoSuchFile() {
        assertThatThrownBy(() -> RegularFile.check(tmp.resolve("missing")))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(RegularFile.existsAndIsNotRegular(tmp.resolve("missing"))).isFalse();
    }

    @Test
    void aFileOverTheBoundIsRefusedAndOneAtItIsRead() throws Exception {
        Path file = Files.write(tmp.resolve("shadow.pid"), new byte[4096]);

        assertThat(RegularFile.readAllBytes(file, 4096)).hasSize(4096);
        assertThatThrownBy(() -> RegularFile.readAllBytes(file, 4095))
                .isInstanceOf(FileTooLargeException.class)
                .hasMessage(file + ": is larger than 4095 bytes, the most read from such a file");
    }

    @Test
    void aFileThatGrowsPastTheBoundWhileReadIsRefused() throws Exception {
        Path file = Files.write(tmp.resolve("cycle_1.json"), new byte[10]);

        try (InputStream in = RegularFile.newInputStream(file, 20)) {
            Files.write(file, new byte[30], StandardOpenOption.APPEND);
            assertThatThrownBy(in::readAllBytes).isInstanceOf(FileTooLargeException.class);
        }
    }

    @Test
    void theBoundHoldsForEveryLengthAgainstAPlainRead() throws Exception {
        // Differential: whatever the size and bound, a read succeeds exactly when the JDK's whole-file read is
        // within the bound, and then returns the same bytes.
        Random random = new Random(16);
        Path file = tmp.resolve("f");
        for (int i = 0; i < 300; i++) {
            byte[] content = new byte[random.nextInt(20_000)];
            random.nextBytes(content);
            Files.write(file, content);
            long bound = random.nextInt(20_000);
            byte[] expected = Files.readAllBytes(file);
            if (expected.length <= bound) {
                assertThat(RegularFile.readAllBytes(file, bound)).isEqualTo(expected);
            } else {
                assertThatThrownBy(() -> RegularFile.readAllBytes(file, bound))
                        .isInstanceOf(FileTooLargeException.class);
            }
        }
    }

    @Test
    void opsExceptionSaysWhatTheFileIsWithoutRepeatingItsName() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("reports"));
        try {
            RegularFile.check(dir);
        } catch (NotRegularFileException e) {
            assertThat(UnreadableFileException.of(dir, e)).hasMessage(dir + ": is a directory, not a regular file");
        }
        assertThat(UnreadableFileException.of(dir, new NoSuchFileException(dir.toString())))
                .hasMessage(dir + ": no such file");
    }

    @Test
    void appendLineRefusesAFileThatIsNotRegular() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("shadow_monitor.log"));

        assertThatThrownBy(() -> AtomicFiles.appendLine(dir, "x"))
                .isInstanceOf(NotRegularFileException.class)
                .hasMessageContaining("is a directory");
    }
}
