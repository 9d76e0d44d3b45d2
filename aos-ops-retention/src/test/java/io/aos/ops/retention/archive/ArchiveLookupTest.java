package io.aos.ops.retention.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.core.BadConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bare archive name is found in the current directory or the archive directory, never ambiguously. */
class ArchiveLookupTest {

    private static final Path NAME = Path.of("golden_20261127_010203_aos_0123abcd.tgz");

    @TempDir
    Path tmp;

    @Test
    void aBareNameOnlyInTheArchiveDirectoryIsFoundThere() throws Exception {
        Path cwd = Files.createDirectories(tmp.resolve("cwd"));
        Path archives = Files.createDirectories(tmp.resolve("archives"));
        Files.writeString(archives.resolve(NAME), "archive");

        assertThat(ArchiveLookup.resolve(NAME, cwd, archives)).isEqualTo(archives.resolve(NAME));
    }

    @Test
    void aBareNameInBothPlacesAsDifferentFilesIsRefusedNamingBoth() throws Exception {
        Path cwd = Files.createDirectories(tmp.resolve("cwd"));
        Path archives = Files.createDirectories(tmp.resolve("archives"));
        Files.writeString(cwd.resolve(NAME), "one");
        Files.writeString(archives.resolve(NAME), "another");

        assertThatThrownBy(() -> ArchiveLookup.resolve(NAME, cwd, archives))
                .isInstanceOf(BadConfigurationException.class)
                .hasMessageContaining("archive name '" + NAME + "' is ambiguous")
                .hasMessageContaining(cwd.resolve(NAME).toAbsolutePath() + " (in the current directory)")
                .hasMessageContaining(archives.resolve(NAME) + " (in the archive directory)");
    }

    @Test
    void aPathWithADirectoryIsTakenAsGiven() throws Exception {
        Path archives = Files.createDirectories(tmp.resolve("archives"));
        Files.writeString(archives.resolve(NAME), "archive");

        assertThat(ArchiveLookup.resolve(Path.of("./" + NAME), tmp, archives)).isEqualTo(Path.of("./" + NAME));
        assertThat(ArchiveLookup.resolve(Path.of("sub", NAME.toString()), tmp, archives))
                .isEqualTo(Path.of("sub", NAME.toString()));
    }

    /**
     * Property against the rule written out: over every combination of where the name exists (nowhere, the current
     * directory, the archive directory, both as one file through a hard link, both as two files), the lookup gives
     * the one place it exists, the current directory's when it is one file, the name as given when it is nowhere,
     * and refuses two different files.
     */
    @Test
    void theLookupFollowsTheRuleInEveryCase() throws Exception {
        Random random = new Random(3);
        for (int round = 0; round < 60; round++) {
            Path cwd = Files.createDirectories(tmp.resolve("r" + round + "/cwd"));
            Path archives = Files.createDirectories(tmp.resolve("r" + round + "/archives"));
            int where = random.nextInt(5);
            boolean here = where == 1 || where >= 3;
            boolean there = where == 2 || where >= 3;
            if (here) {
                Files.writeString(cwd.resolve(NAME), "here");
            }
            if (where == 3) {
                Files.createLink(archives.resolve(NAME), cwd.resolve(NAME));
            } else if (there) {
                Files.writeString(archives.resolve(NAME), "there");
            }

            if (where == 4) {
                assertThatThrownBy(() -> ArchiveLookup.resolve(NAME, cwd, archives))
                        .isInstanceOf(BadConfigurationException.class);
            } else {
                Path expected = here ? cwd.resolve(NAME) : there ? archives.resolve(NAME) : cwd.resolve(NAME);
                assertThat(ArchiveLookup.resolve(NAME, cwd, archives)).as("case %d", where).isEqualTo(expected);
            }
        }
    }
}
