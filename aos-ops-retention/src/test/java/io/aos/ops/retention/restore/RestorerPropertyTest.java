package io.aos.ops.retention.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.retention.CraftedArchive;
import io.aos.ops.retention.CraftedArchive.Member;
import io.aos.ops.retention.archive.ArchiveFormat;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore against an oracle: random member names over a tiny alphabet (so names clash as file and directory often)
 * restored into random existing trees, with and without --force. The oracle decides from the names alone whether
 * the restore must be refused; refused, DEST is exactly as before; restored, it is the old tree plus every member.
 */
class RestorerPropertyTest {

    private static final String DIR = "<dir>";

    @TempDir
    Path tmp;

    private static String randomName(Random random) {
        int depth = 1 + random.nextInt(3);
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            name.append(i == 0 ? "" : "/").append((char) ('a' + random.nextInt(3)));
        }
        return name.toString();
    }

    /** Every file (its content) and directory ({@link #DIR}) below {@code dir}, by relative name. */
    private static Map<String, String> tree(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (!p.equals(dir)) {
                    out.put(dir.relativize(p).toString(), Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? DIR
                            : Files.readString(p));
                }
            }
        }
        return out;
    }

    /** The oracle: the tree after restoring {@code members} over {@code before}, or null when it must be refused. */
    private static Map<String, String> expected(Map<String, String> before, Map<String, String> members,
            boolean force) {
        Map<String, String> after = new TreeMap<>(before);
        for (String name : members.keySet()) {
            for (String other : members.keySet()) {
                if (other.startsWith(name + "/")) {
                    return null; // a member is a file where another needs a directory
                }
            }
            String[] parts = name.split("/");
            String prefix = "";
            for (int i = 0; i < parts.length - 1; i++) {
                prefix = prefix.isEmpty() ? parts[i] : prefix + "/" + parts[i];
                if (before.containsKey(prefix) && !DIR.equals(before.get(prefix))) {
                    return null; // a file in DEST where a directory is needed
                }
                after.put(prefix, DIR);
            }
            String there = before.get(name);
            if (DIR.equals(there) || there != null && !force) {
                return null; // a directory where the file goes, or a file in the way without --force
            }
            after.put(name, members.get(name));
        }
        return after;
    }

    @Test
    void restoreAgreesWithTheOracleOnRandomNamesAndTrees() throws Exception {
        Random random = new Random(20261202);
        int refused = 0;
        int restored = 0;
        for (int round = 0; round < 300; round++) {
            Map<String, String> members = new LinkedHashMap<>();
            int count = 1 + random.nextInt(5);
            for (int i = 0; i < count; i++) {
                members.putIfAbsent(randomName(random), "member " + round + "." + i);
            }
            Path dest = Files.createDirectories(tmp.resolve("dest" + round));
            int existing = random.nextInt(4);
            for (int i = 0; i < existing; i++) {
                Path p = dest.resolve(randomName(random));
                try {
                    if (random.nextBoolean()) {
                        Files.createDirectories(p);
                    } else {
                        Files.createDirectories(p.getParent());
                        Files.writeString(p, "old " + i);
                    }
                } catch (java.io.IOException clash) {
                    // a file already where this needs a directory, or the reverse: keep the tree as it is
                }
            }
            boolean force = random.nextBoolean();
            List<Member> list = new ArrayList<>();
            members.forEach((name, body) -> list.add(Member.file(name, body)));
            Path archive = CraftedArchive.write(tmp.resolve("archives/r" + round + ".tgz"),
                    CraftedArchive.compressed(ArchiveFormat.GZIP, CraftedArchive.tar(list)));
            Map<String, String> before = tree(dest);
            Map<String, String> oracle = expected(before, members, force);

            String outcome;
            try {
                Restorer.Result r = Restorer.restore(archive, dest, force);
                outcome = "restored " + r.restored();
                assertThat(r.restored()).isEqualTo(members.size());
            } catch (AosOpsException e) {
                outcome = e.getMessage();
            }

            String what = "round " + round + ": members " + members.keySet() + " over " + before + " force " + force
                    + " -> " + outcome;
            if (oracle == null) {
                refused++;
                assertThat(outcome).as(what).contains("nothing restored");
                assertThat(tree(dest)).as(what).isEqualTo(before);
            } else {
                restored++;
                assertThat(outcome).as(what).startsWith("restored");
                assertThat(tree(dest)).as(what).isEqualTo(oracle);
            }
        }
        assertThat(refused).isGreaterThan(30);
        assertThat(restored).isGreaterThan(30);
    }

    @Test
    void aRestoreCalledOffAtAnyPointLeavesDestAsItWasWithNothingOfItsOwnLeft() throws Exception {
        // Property: the flag a shutdown hook sets turns true after k of the restore's questions, for every k. Either
        // it came too late (restored: the oracle's tree) or DEST holds exactly the names it held before, each with
        // its old content or (a file --force had already replaced) the archived one: no new file, no new
        // directory, no temporary file.
        Random random = new Random(130);
        int calledOff = 0;
        int finished = 0;
        for (int round = 0; round < 300; round++) {
            Map<String, String> members = new LinkedHashMap<>();
            int count = 2 + random.nextInt(5);
            for (int i = 0; i < count; i++) {
                members.putIfAbsent(randomName(random), "member " + round + "." + i);
            }
            Path dest = Files.createDirectories(tmp.resolve("cancel" + round));
            if (random.nextBoolean()) {
                Path p = dest.resolve(randomName(random));
                try {
                    Files.createDirectories(p.getParent());
                    Files.writeString(p, "old");
                } catch (java.io.IOException clash) {
                    // keep the tree as it is
                }
            }
            boolean force = random.nextBoolean();
            Map<String, String> before = tree(dest);
            Map<String, String> oracle = expected(before, members, force);
            if (oracle == null) {
                continue; // refused before anything is written: the other property's case
            }
            List<Member> list = new ArrayList<>();
            members.forEach((name, body) -> list.add(Member.file(name, body)));
            Path archive = CraftedArchive.write(tmp.resolve("archives/c" + round + ".tgz"),
                    CraftedArchive.compressed(ArchiveFormat.GZIP, CraftedArchive.tar(list)));
            // asked per member: in each of the two reads at its begin and each write, then before its rename
            int k = random.nextInt(6 * members.size() + 4);
            int[] asked = {0};

            String outcome;
            try {
                Restorer.Result r = Restorer.restore(archive, dest, force, tmp.resolve("work"), () -> asked[0]++ >= k);
                outcome = "restored " + r.restored();
            } catch (AosOpsException e) {
                outcome = e.getMessage();
            }

            String what = "round " + round + ": k " + k + ", members " + members.keySet() + " over " + before
                    + " force " + force + " -> " + outcome;
            Map<String, String> after = tree(dest);
            if (outcome.startsWith("restored")) {
                finished++;
                assertThat(after).as(what).isEqualTo(oracle);
            } else {
                calledOff++;
                assertThat(outcome).as(what).contains("interrupted");
                assertThat(after.keySet()).as(what).isEqualTo(before.keySet());
                after.forEach((name, content) -> assertThat(content).as(what + ": " + name)
                        .isIn(before.get(name), oracle.get(name)));
            }
        }
        assertThat(calledOff).isGreaterThan(40);
        assertThat(finished).isGreaterThan(5);
    }
}
