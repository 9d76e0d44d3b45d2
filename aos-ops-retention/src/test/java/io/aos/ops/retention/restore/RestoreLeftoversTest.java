package io.aos.ops.retention.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.retention.CraftedArchive;
import io.aos.ops.retention.CraftedArchive.Member;
import io.aos.ops.retention.archive.ArchiveFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a killed restore left (its temporary files and empty staging directories, by their exact names) is removed by
 * the next restore into DEST that holds the lock; nothing else is, whatever its name looks like.
 */
class RestoreLeftoversTest {

    static final String HEX = "0123456789abcdef";

    @TempDir
    Path tmp;

    @Test
    void theNextLockedRestoreRemovesWhatAKilledOneLeftAndNothingElse() throws Exception {
        Path dest = Files.createDirectories(tmp.resolve("dest"));
        Files.createDirectories(dest.resolve("run/golden"));
        Files.createDirectories(dest.resolve("elsewhere"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        // left by a killed restore
        Path rootTemp = Files.writeString(dest.resolve(".aos-restore-" + HEX + ".tmp"), "partial");
        Path memberDirTemp = Files.writeString(dest.resolve("run/golden/.aos-restore-fedcba9876543210.tmp"), "p");
        Path stagedDir = Files.createDirectory(dest.resolve(".aos-restore-00112233445566ff.d"));
        // not ours, or not to be touched
        Path user = Files.writeString(dest.resolve("notes.txt"), "mine");
        Path lookalike = Files.writeString(dest.resolve(".aos-restore-backup.tmp"), "an operator's file");
        Path upper = Files.writeString(dest.resolve(".aos-restore-0123456789ABCDEF.tmp"), "not a name we make");
        Path fullStaged = Files.createDirectory(dest.resolve(".aos-restore-aaaaaaaaaaaaaaaa.d"));
        Path inFullStaged = Files.writeString(fullStaged.resolve("kept.json"), "{}");
        Path otherDirTemp = Files.writeString(dest.resolve("elsewhere/.aos-restore-" + HEX + ".tmp"), "not on a path");
        Path outsideTemp = Files.writeString(outside.resolve(".aos-restore-" + HEX + ".tmp"), "outside DEST");
        Path link = Files.createSymbolicLink(dest.resolve(".aos-restore-1111111111111111.tmp"), outsideTemp);
        Path archive = CraftedArchive.write(tmp.resolve("archives/a.tgz"), CraftedArchive.compressed(
                ArchiveFormat.GZIP, CraftedArchive.tar(List.of(Member.file("run/golden/a.golden.json", "{\"a\":1}"),
                        Member.file("top.golden.json", "{\"t\":1}")))));

        Restorer.Result result = Restorer.restore(archive, dest, false, tmp.resolve("work"));

        assertThat(result.restored()).isEqualTo(2);
        assertThat(result.leftoversRemoved()).isEqualTo(3);
        assertThat(rootTemp).doesNotExist();
        assertThat(memberDirTemp).doesNotExist();
        assertThat(stagedDir).doesNotExist();
        assertThat(user).hasContent("mine");
        assertThat(lookalike).hasContent("an operator's file");
        assertThat(upper).hasContent("not a name we make");
        assertThat(inFullStaged).hasContent("{}");
        assertThat(otherDirTemp).exists();
        assertThat(outsideTemp).hasContent("outside DEST");
        assertThat(link).isSymbolicLink();
        assertThat(dest.resolve("run/golden/a.golden.json")).hasContent("{\"a\":1}");
        assertThat(dest.resolve("top.golden.json")).hasContent("{\"t\":1}");
    }

    @Test
    void aRestoreWithoutTheLockLeavesThemAloneSinceAnotherMayBeWriting() throws Exception {
        Path dest = Files.createDirectories(tmp.resolve("dest"));
        Path temp = Files.writeString(dest.resolve(".aos-restore-" + HEX + ".tmp"), "maybe another restore's");
        Path archive = CraftedArchive.write(tmp.resolve("archives/b.tgz"), CraftedArchive.compressed(
                ArchiveFormat.GZIP, CraftedArchive.tar(List.of(Member.file("b.golden.json", "{}")))));

        Restorer.Result result = Restorer.restore(archive, dest, false);

        assertThat(result.leftoversRemoved()).isZero();
        assertThat(temp).exists();
    }
}
