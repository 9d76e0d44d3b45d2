package io.aos.ops.retention.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.retention.GoldenTree;
import io.aos.ops.retention.archive.ArchiveFormat;
import io.aos.ops.retention.archive.Archiver;
import io.aos.ops.retention.archive.Manifest;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crafted-archive corpus: archives an attacker built with a valid manifest and a valid .sha256 file, each with
 * one member that would land outside DEST. Restore must refuse every one and write nothing.
 */
class RestorerTest {

    @TempDir
    Path tmp;

    /** One member of a crafted archive. */
    record Crafted(String name, byte type, String link, String body) {
        static Crafted file(String name) {
            return new Crafted(name, TarConstants.LF_NORMAL, null, "{\"evil\":true}");
        }
    }

    /** Writes a gzip tar of the members plus a manifest listing them, and its .sha256 file. */
    private Path crafted(String archiveName, List<Crafted> members) throws Exception {
        Path archive = tmp.resolve("archives").resolve(archiveName);
        Files.createDirectories(archive.getParent());
        List<Manifest.Entry> manifest = new java.util.ArrayList<>();
        try (OutputStream out = ArchiveFormat.GZIP.compress(Files.newOutputStream(archive));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Crafted m : members) {
                TarArchiveEntry e = new TarArchiveEntry(m.name(), m.type(), true);
                byte[] body = m.body() == null ? new byte[0] : m.body().getBytes(StandardCharsets.UTF_8);
                if (m.link() != null) {
                    e.setLinkName(m.link());
                } else {
                    e.setSize(body.length);
                }
                e.setModTime(1_700_000_000_000L);
                tar.putArchiveEntry(e);
                if (m.link() == null && e.isFile()) {
                    tar.write(body);
                }
                tar.closeArchiveEntry();
                byte[] sha = MessageDigest.getInstance("SHA-256").digest(body);
                manifest.add(new Manifest.Entry(m.name(), body.length, 1_700_000_000L, Manifest.prefixOf(sha)));
            }
            byte[] mf = Manifest.render(manifest);
            TarArchiveEntry e = new TarArchiveEntry(Manifest.MEMBER);
            e.setSize(mf.length);
            tar.putArchiveEntry(e);
            tar.write(mf);
            tar.closeArchiveEntry();
        }
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(archive)));
        Files.writeString(archive.resolveSibling(archiveName + ".sha256"), sha + "  " + archiveName + "\n");
        return archive;
    }

    private void assertRefusedAndNothingWritten(Path archive, String reason) throws Exception {
        Path dest = tmp.resolve("dest");
        Files.createDirectories(dest);
        assertThatThrownBy(() -> Restorer.restore(archive, dest, true))
                .isInstanceOf(AosOpsException.class)
                .hasMessageContaining(reason)
                .hasMessageContaining("nothing restored");
        try (var s = Files.list(dest)) {
            assertThat(s.toList()).isEmpty();
        }
        assertThat(tmp.resolve("evil.json")).doesNotExist();
        assertThat(tmp.resolve("outside")).doesNotExist();
    }

    @Test
    void aWellFormedCraftedArchiveRestores() throws Exception {
        Path archive = crafted("ok.tgz", List.of(Crafted.file("good.json"), Crafted.file("sub/also.json")));
        Restorer.Result r = Restorer.restore(archive, tmp.resolve("dest"), false);
        assertThat(r.restored()).isEqualTo(2);
        assertThat(tmp.resolve("dest/sub/also.json")).exists();
    }

    @Test
    void aRefusedRestoreLeavesNoDirectoryItMadeAndKeepsOnesThatWereThere() throws Exception {
        Path bad = crafted("bad.tgz", List.of(Crafted.file("good.json"), Crafted.file("../evil.json")));
        Path work = tmp.resolve("state");
        Path dest = tmp.resolve("new/deep/dest");
        assertThatThrownBy(() -> Restorer.restore(bad, dest, false, work)).isInstanceOf(AosOpsException.class)
                .hasMessageContaining("nothing restored");
        assertThat(tmp.resolve("new")).as("the directories it made for DEST are gone").doesNotExist();

        Path existing = Files.createDirectories(tmp.resolve("kept/dest"));
        assertThatThrownBy(() -> Restorer.restore(bad, existing.resolve("sub"), false, work))
                .isInstanceOf(AosOpsException.class);
        assertThat(existing).as("one that was there stays").isDirectory();
        assertThat(existing.resolve("sub")).doesNotExist();

        Path ok = crafted("ok.tgz", List.of(Crafted.file("good.json")));
        assertThat(Restorer.restore(ok, dest, false, work).restored()).isEqualTo(1);
        assertThat(dest.resolve("good.json")).exists();
        assertThat(Restorer.missingDirectories(dest)).isEmpty();
    }

    @Test
    void anArchiveWithAFileWhereAnotherMemberNeedsADirectoryFailsVerifyAsRestoreRefusesIt() throws Exception {
        Path archive = crafted("clash.tgz", List.of(Crafted.file("a"), Crafted.file("a/b.json")));
        io.aos.ops.retention.archive.ArchiveVerifier.Result verified =
                io.aos.ops.retention.archive.ArchiveVerifier.verify(archive);
        assertThat(verified.ok()).isFalse();
        assertThat(verified.reason()).contains("'a' as a file and as the directory of 'a/b.json'");
        assertRefusedAndNothingWritten(archive, "nothing restored");
    }

    @Test
    void dotDotTraversalIsRefused() throws Exception {
        assertRefusedAndNothingWritten(crafted("dotdot.tgz", List.of(Crafted.file("good.json"),
                Crafted.file("../evil.json"))), "escapes the destination");
    }

    @Test
    void aTraversalHiddenInsideAPathIsRefused() throws Exception {
        assertRefusedAndNothingWritten(crafted("inner.tgz", List.of(Crafted.file("a/../../evil.json"))),
                "escapes the destination");
    }

    @Test
    void anAbsoluteNameIsRefused() throws Exception {
        assertRefusedAndNothingWritten(crafted("abs.tgz", List.of(Crafted.file(tmp.resolve("evil.json").toString()))),
                "absolute member name");
    }

    @Test
    void aBackslashTraversalIsRefused() throws Exception {
        assertRefusedAndNothingWritten(crafted("bs.tgz", List.of(Crafted.file("..\\evil.json"))), "backslash");
    }

    @Test
    void aSymlinkPointingOutsideIsRefused() throws Exception {
        assertRefusedAndNothingWritten(crafted("sym.tgz", List.of(
                new Crafted("link.json", TarConstants.LF_SYMLINK, "../outside", null),
                Crafted.file("link.json/../x.json"))), "symbolic link");
    }

    @Test
    void anAbsoluteSymlinkIsRefused() throws Exception {
        assertRefusedAndNothingWritten(crafted("symabs.tgz", List.of(
                new Crafted("passwd.json", TarConstants.LF_SYMLINK, "/etc/passwd", null))), "symbolic link");
    }

    @Test
    void aHardLinkPointingOutsideIsRefused() throws Exception {
        assertRefusedAndNothingWritten(crafted("hard.tgz", List.of(
                new Crafted("hl.json", TarConstants.LF_LINK, "../../outside", null))), "hard link");
    }

    @Test
    void aDeviceFileIsRefused() throws Exception {
        assertRefusedAndNothingWritten(crafted("dev.tgz", List.of(
                new Crafted("null.json", TarConstants.LF_CHR, null, null))), "not a regular file");
    }

    @Test
    void anExistingSymlinkInTheDestinationIsNotFollowed() throws Exception {
        Path archive = crafted("via.tgz", List.of(Crafted.file("sub/x.json")));
        Path dest = tmp.resolve("dest");
        Files.createDirectories(dest);
        Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(dest.resolve("sub"), tmp.resolve("outside"));

        assertThatThrownBy(() -> Restorer.restore(archive, dest, true)).hasMessageContaining("symbolic link");
        assertThat(tmp.resolve("outside/x.json")).doesNotExist();
    }

    @Test
    void existingFilesAreNotOverwrittenWithoutForceAndAreWithIt(@TempDir Path root) throws Exception {
        GoldenTree tree = new GoldenTree(root);
        tree.file("a.golden.json", Duration.ofDays(3));
        tree.file("b.golden.json", Duration.ofDays(3));
        new Archiver(tree.settings(), tree.log()).archive(1, ArchiveFormat.GZIP, false);
        Path archive;
        try (var s = Files.list(tree.settings().archiveDir())) {
            archive = s.filter(p -> p.toString().endsWith(".tgz")).findFirst().orElseThrow();
        }
        Files.writeString(tree.golden.resolve("a.golden.json"), "newer work");

        assertThatThrownBy(() -> Restorer.restore(archive, tree.golden, false))
                .hasMessageContaining("1 of 2 files already exist")
                .hasMessageContaining("--force");
        assertThat(Files.readString(tree.golden.resolve("a.golden.json"))).isEqualTo("newer work");
        assertThat(tree.golden.resolve("b.golden.json")).doesNotExist();

        Restorer.Result r = Restorer.restore(archive, tree.golden, true);
        assertThat(r.restored()).isEqualTo(2);
        assertThat(Files.readString(tree.golden.resolve("a.golden.json"))).startsWith("{\"run\":\"a.golden.json\"");
    }

    @Test
    void aMissingArchiveSaysSo() {
        assertThatThrownBy(() -> Restorer.restore(tmp.resolve("nope.tgz"), tmp, false))
                .hasMessage("Archive not found: " + tmp.resolve("nope.tgz"));
    }
}
