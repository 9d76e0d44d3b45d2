package io.aos.ops.retention.scan;

import io.aos.ops.core.io.GoldenFileKind;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Streams the golden files of a directory tree with their attributes, without listing it into memory; symbolic
 * links below the directory are not followed and never counted (the directory itself may be named through one).
 * Both the stream and the selection walk with {@link GoldenTreeWalk}.
 */
public final class GoldenScanner {

    private GoldenScanner() {
    }

    /**
     * Calls {@code sink} once per golden regular file below {@code dir}; a missing directory yields nothing. The
     * files' inodes are left {@link ScannedGoldenFile#NO_INODE}: a status of a million files does not need them.
     */
    public static void scan(Path dir, Consumer<ScannedGoldenFile> sink) throws IOException {
        scan(dir, false, sink);
    }

    /** As {@link #scan(Path, Consumer)}, with each file's inode when {@code withInodes} (the order to delete in). */
    public static void scan(Path dir, boolean withInodes, Consumer<ScannedGoldenFile> sink) throws IOException {
        // The real path: a directory named through a symbolic link is walked as the directory it points to (the
        // walk itself follows no link), and every member name is relative to it.
        Path root = GoldenTreeWalk.realDirectory(dir);
        if (root == null) {
            return;
        }
        int cut = rootLength(root);
        // on the calling thread, which hands each file to the sink as it is statted
        GoldenTreeWalk.walkReal(root, Runnable::run, GoldenTreeWalk.DEFAULT_BATCH, new GoldenTreeWalk.Visitor<Void>() {
            @Override
            public Void newPart() {
                return null;
            }

            @Override
            public void file(Path file, BasicFileAttributes attrs, Void part) {
                sink.accept(scanned(file, attrs, cut, withInodes));
            }

            @Override
            public void merge(Void part) {
                // nothing gathered: the sink has every file already
            }
        });
    }

    /**
     * The golden files of {@code dir} that are old under {@code cutoff}, sorted by member name, keeping each trace
     * and its signature together: when either is still young, neither is selected.
     */
    public static List<ScannedGoldenFile> selectOld(Path dir, Cutoff cutoff) throws IOException {
        return selectOld(dir, cutoff, Runnable::run);
    }

    /**
     * As {@link #selectOld(Path, Cutoff)}, statting the files on {@code executor}'s threads beside the calling one
     * ({@link GoldenTreeWalk}): a directory of 100,000 files is 100,000 {@code stat} calls, looked up relative to the
     * open directory, on every core. The same list whatever the executor.
     *
     * @param dir      the directory
     * @param cutoff   what is old
     * @param executor runs batches of stats beside the calling thread ({@code Runnable::run} for none)
     * @return the old files, sorted by member name
     * @throws IOException if a directory fails while it is being read
     */
    public static List<ScannedGoldenFile> selectOld(Path dir, Cutoff cutoff, Executor executor) throws IOException {
        List<ScannedGoldenFile> old = new ArrayList<>();
        Path root = GoldenTreeWalk.realDirectory(dir);
        if (root == null) {
            return old;
        }
        Set<String> youngPartners = new HashSet<>();
        int cut = rootLength(root);
        GoldenTreeWalk.walkReal(root, executor, GoldenTreeWalk.DEFAULT_BATCH,
                new GoldenTreeWalk.Visitor<List<ScannedGoldenFile>>() {
                    @Override
                    public List<ScannedGoldenFile> newPart() {
                        return new ArrayList<>();
                    }

                    @Override
                    public void file(Path file, BasicFileAttributes attrs, List<ScannedGoldenFile> part) {
                        part.add(scanned(file, attrs, cut, true));
                    }

                    @Override
                    public void sealed(List<ScannedGoldenFile> part) {
                        // sorted runs, on the statting threads: the sort of the whole list below merges them
                        part.sort(BY_MEMBER_NAME);
                    }

                    @Override
                    public void merge(List<ScannedGoldenFile> part) {
                        for (ScannedGoldenFile f : part) {
                            if (cutoff.isOld(f.modified())) {
                                old.add(f);
                            } else if (GoldenFileKind.partnerOf(f.relative()) != null) {
                                youngPartners.add(f.relative());
                            }
                        }
                    }
                });
        if (!youngPartners.isEmpty()) {
            old.removeIf(f -> {
                String partner = GoldenFileKind.partnerOf(f.relative());
                return partner != null && youngPartners.contains(partner);
            });
        }
        old.sort(BY_MEMBER_NAME);
        return old;
    }

    /**
     * Member-name order. A class, not {@code Comparator.comparing(ScannedGoldenFile::relative)}: a directory's
     * names come in hash order, so 100,000 files take some 1.7 million comparisons, and under C1 (which does not
     * inline a lambda's calls) the two lambdas around each {@code compareTo} cost more than the comparison.
     */
    private static final Comparator<ScannedGoldenFile> BY_MEMBER_NAME = new Comparator<>() {
        @Override
        public int compare(ScannedGoldenFile a, ScannedGoldenFile b) {
            return a.relative().compareTo(b.relative());
        }
    };

    /** A golden file found below the root whose path is {@code cut} characters long with its separator. */
    private static ScannedGoldenFile scanned(Path file, BasicFileAttributes attrs, int cut, boolean withInode) {
        return new ScannedGoldenFile(file, relative(file, cut), attrs.size(), attrs.lastModifiedTime(),
                withInode ? DiskOrder.inodeOf(attrs) : ScannedGoldenFile.NO_INODE);
    }

    /** Where member names start in the paths below {@code root}: after its path and a separator. */
    private static int rootLength(Path root) {
        String rootText = root.toString();
        return rootText.endsWith(root.getFileSystem().getSeparator()) ? rootText.length() : rootText.length() + 1;
    }

    /** The member name: the path below the root, '/'-separated (cheaper than Path.relativize per file). */
    static String relative(Path file, int rootLength) {
        String rel = file.toString().substring(rootLength);
        return File.separatorChar == '/' ? rel : rel.replace(File.separatorChar, '/');
    }
}
