package io.aos.ops.retention.restore;

import io.aos.ops.core.OperationFailedException;
import io.aos.ops.core.io.IoReason;
import io.aos.ops.retention.archive.ArchiveVerifier;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The files and directories one restore creates inside DEST, reached only through directory handles that never
 * follow a symbolic link ({@link SecureDirectoryStream}: {@code openat} with {@code O_NOFOLLOW}, {@code renameat}).
 *
 * <p>A member's bytes go to a new file with a short random name ({@code .aos-restore-<hex>.tmp}, created with
 * {@code CREATE_NEW}) in its target directory; {@link #publish} renames it to its name, after checking through the
 * same handle that the name is free unless {@code force} (as {@code Files.move} without {@code REPLACE_EXISTING}
 * does). A missing directory is made as a new, randomly named directory directly in DEST, the one path trusted
 * (the operator named it), opened without following links, then renamed into its parent's handle: no path below
 * DEST is ever resolved by name. Handles are checked by file key when reopened, so a directory replaced while
 * restoring is noticed. Until {@link #commit}, {@link #close} removes every file and directory created here, each
 * only if it is still the one created (same file key), and never anything else.
 */
final class Staging implements Closeable {

    private static final String PREFIX = ".aos-restore-";
    private static final int OPEN_HANDLES = 64;
    private static final Set<OpenOption> CREATE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A member's file as staged: where, under which temporary name, and whether it has its name yet. */
    static final class Staged {
        final String member;
        final String dir;
        final String temp;
        final String target;
        final long mtimeSeconds;
        private final Object fileKey;
        private final SeekableByteChannel channel;
        private boolean published;
        private boolean replaced;

        private Staged(String member, String dir, String temp, String target, long mtimeSeconds, Object fileKey,
                SeekableByteChannel channel) {
            this.member = member;
            this.dir = dir;
            this.temp = temp;
            this.target = target;
            this.mtimeSeconds = mtimeSeconds;
            this.fileKey = fileKey;
            this.channel = channel;
        }

        /** Where the member's bytes go; closing it closes the file. */
        OutputStream output() {
            return Channels.newOutputStream(channel);
        }
    }

    private record CreatedDir(String parent, String name, Object fileKey) {
    }

    private final Path dest;
    private final SecureDirectoryStream<Path> root;
    private final Map<String, SecureDirectoryStream<Path>> handles;
    private final Map<String, Object> keys = new LinkedHashMap<>();
    private final List<Staged> files = new ArrayList<>();
    private final List<CreatedDir> createdDirs = new ArrayList<>();
    private boolean done;

    private Staging(Path dest, SecureDirectoryStream<Path> root) {
        this.dest = dest;
        this.root = root;
        this.handles = new LinkedHashMap<>(OPEN_HANDLES * 2, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SecureDirectoryStream<Path>> eldest) {
                if (size() > OPEN_HANDLES) {
                    closeQuietly(eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }

    /** Opens {@code dest} (a real path) as the root handle. */
    static Staging open(Path dest) throws IOException {
        DirectoryStream<Path> stream = Files.newDirectoryStream(dest);
        if (!(stream instanceof SecureDirectoryStream<Path> secure)) {
            stream.close();
            throw new OperationFailedException("cannot restore into " + dest + ": this platform offers no directory handles "
                    + "that refuse symbolic links; nothing restored");
        }
        return new Staging(dest, secure);
    }

    /** A temporary file or staging directory {@link #stage} and {@link #createDirectory} name, and no other name. */
    private static final Pattern LEFTOVER = Pattern.compile("\\.aos-restore-[0-9a-f]{16}\\.(tmp|d)");

    /**
     * Removes what an interrupted restore left in {@code dest}: temporary files ({@code .aos-restore-<hex>.tmp},
     * regular files) in DEST and in the existing directories the {@code members} go to, and staging directories
     * ({@code .aos-restore-<hex>.d}) in DEST when empty. Only for a caller holding DEST's retention lock: another
     * restore writing there at the same time would lose its files. Nothing is reached through a symbolic link.
     *
     * @param dest    the destination, a real path
     * @param members the archive's member names (relative, checked)
     * @return how many files and directories were removed
     * @throws IOException if a directory cannot be read
     */
    static int discardLeftovers(Path dest, Collection<String> members) throws IOException {
        Set<String> dirs = new TreeSet<>();
        for (String member : members) {
            for (int slash = member.indexOf('/'); slash >= 0; slash = member.indexOf('/', slash + 1)) {
                dirs.add(member.substring(0, slash));
            }
        }
        DirectoryStream<Path> opened = Files.newDirectoryStream(dest);
        if (!(opened instanceof SecureDirectoryStream<Path> root)) {
            opened.close();
            return 0; // no handles that refuse links: leave them rather than delete by path
        }
        try (root) {
            int removed = discardIn(root, true);
            for (String rel : dirs) {
                SecureDirectoryStream<Path> dir = openWithoutLinks(root, rel);
                if (dir != null) {
                    try (dir) {
                        removed += discardIn(dir, false);
                    }
                }
            }
            return removed;
        }
    }

    /** Removes the leftovers in one open directory: temporary files, and in DEST empty staging directories. */
    private static int discardIn(SecureDirectoryStream<Path> dir, boolean isDest) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path entry : dir) {
            Path name = entry.getFileName();
            if (LEFTOVER.matcher(name.toString()).matches()) {
                found.add(name);
            }
        }
        int removed = 0;
        for (Path name : found) {
            try {
                BasicFileAttributes attrs = attributesOrNull(dir, name.toString());
                if (name.toString().endsWith(".tmp") && attrs != null && attrs.isRegularFile()) {
                    dir.deleteFile(name);
                    removed++;
                } else if (isDest && attrs != null && attrs.isDirectory()) {
                    dir.deleteDirectory(name); // only when empty: a staging directory with files in it stays
                    removed++;
                }
            } catch (FileSystemException e) {
                // not empty (not ours to empty), gone meanwhile, or not ours to remove: it stays
            }
        }
        return removed;
    }

    /** Opens {@code rel} below {@code root} one component at a time, never through a link; null if it is not there. */
    private static SecureDirectoryStream<Path> openWithoutLinks(SecureDirectoryStream<Path> root, String rel)
            throws IOException {
        SecureDirectoryStream<Path> at = root;
        for (String part : rel.split("/")) {
            SecureDirectoryStream<Path> next;
            try {
                next = at.newDirectoryStream(Path.of(part), LinkOption.NOFOLLOW_LINKS);
            } catch (FileSystemException e) {
                next = null; // missing, not a directory, a symbolic link (ELOOP), or not ours to read
            }
            if (at != root) {
                at.close();
            }
            if (next == null) {
                return null;
            }
            at = next;
        }
        return at;
    }

    /** A new empty staged file for {@code member}, its directories made as needed. */
    Staged stage(String member, long mtimeSeconds) throws IOException {
        int slash = member.lastIndexOf('/');
        String dir = slash < 0 ? "" : member.substring(0, slash);
        SecureDirectoryStream<Path> handle = directory(dir, member, true);
        for (int attempt = 0; ; attempt++) {
            String temp = PREFIX + randomHex() + ".tmp";
            SeekableByteChannel channel;
            try {
                channel = handle.newByteChannel(Path.of(temp), CREATE);
            } catch (FileAlreadyExistsException e) {
                if (attempt < 3) {
                    continue;
                }
                throw e;
            }
            Staged s;
            try {
                s = new Staged(member, dir, temp, member.substring(slash + 1), mtimeSeconds,
                        attributes(handle, temp).fileKey(), channel);
            } catch (IOException | RuntimeException e) {
                channel.close();
                handle.deleteFile(Path.of(temp));
                throw e;
            }
            files.add(s);
            return s;
        }
    }

    /** All bytes of {@code s} are written (its stream closed): gives it the member's modification time. */
    void finish(Staged s) throws IOException {
        s.channel.close();
        directory(s.dir, s.member, false).getFileAttributeView(Path.of(s.temp), BasicFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS).setTimes(FileTime.from(s.mtimeSeconds, TimeUnit.SECONDS), null, null);
    }

    /** Gives {@code s} its name; an existing file there is replaced only with {@code force}. */
    void publish(Staged s, boolean force) throws IOException {
        SecureDirectoryStream<Path> handle = directory(s.dir, s.member, false);
        BasicFileAttributes there = attributesOrNull(handle, s.target);
        if (there != null) {
            Path where = dest.resolve(s.member);
            if (!there.isRegularFile()) {
                throw new OperationFailedException("member '" + s.member + "' would replace " + (there.isSymbolicLink()
                        ? "the symbolic link " : there.isDirectory() ? "the directory " : "the special file ") + where
                        + ", which appeared while restoring");
            }
            if (!force) {
                throw new OperationFailedException(where + " appeared while restoring; not overwritten");
            }
            s.replaced = true;
        }
        handle.move(Path.of(s.temp), handle, Path.of(s.target));
        s.published = true;
    }

    /** Keeps what was created: {@link #close} removes nothing. */
    void commit() {
        done = true;
    }

    /**
     * Removes every file and directory created here that is still the one created; a file published over an
     * existing one ({@code force}) stays, as the old one is gone. Returns how many stayed that way.
     */
    int rollback() {
        done = true;
        int kept = 0;
        for (int i = files.size() - 1; i >= 0; i--) {
            Staged s = files.get(i);
            closeQuietly(s.channel);
            if (s.replaced) {
                kept++;
                continue;
            }
            String name = s.published ? s.target : s.temp;
            try {
                SecureDirectoryStream<Path> handle = directory(s.dir, s.member, false);
                BasicFileAttributes attrs = attributesOrNull(handle, name);
                if (attrs != null && s.fileKey.equals(attrs.fileKey())) {
                    handle.deleteFile(Path.of(name));
                }
            } catch (IOException | RuntimeException e) {
                // not ours any more, or unreachable: leave it
            }
        }
        for (int i = createdDirs.size() - 1; i >= 0; i--) {
            CreatedDir d = createdDirs.get(i);
            String rel = d.parent().isEmpty() ? d.name() : d.parent() + "/" + d.name();
            closeQuietly(handles.remove(rel));
            try {
                SecureDirectoryStream<Path> parent = directory(d.parent(), rel, false);
                BasicFileAttributes attrs = attributesOrNull(parent, d.name());
                if (attrs != null && d.fileKey().equals(attrs.fileKey())) {
                    parent.deleteDirectory(Path.of(d.name()));
                }
            } catch (IOException | RuntimeException e) {
                // not empty (someone else's file in it), not ours any more, or unreachable: leave it
            }
        }
        return kept;
    }

    @Override
    public void close() {
        if (!done) {
            rollback();
        }
        handles.values().forEach(Staging::closeQuietly);
        handles.clear();
        closeQuietly(root);
    }

    /**
     * The handle of directory {@code rel} ("" is DEST), opened from its parent's handle without following links;
     * missing directories are created when {@code create}, else refused.
     */
    private SecureDirectoryStream<Path> directory(String rel, String member, boolean create) throws IOException {
        if (rel.isEmpty()) {
            return root;
        }
        SecureDirectoryStream<Path> open = handles.get(rel);
        if (open != null) {
            return open;
        }
        int slash = rel.lastIndexOf('/');
        String parentRel = slash < 0 ? "" : rel.substring(0, slash);
        String name = rel.substring(slash + 1);
        SecureDirectoryStream<Path> parent = directory(parentRel, member, create);
        BasicFileAttributes attrs = attributesOrNull(parent, name);
        SecureDirectoryStream<Path> handle;
        if (attrs == null) {
            if (!create) {
                throw new OperationFailedException(dest.resolve(rel) + " disappeared while restoring");
            }
            handle = createDirectory(parentRel, parent, name);
        } else if (attrs.isSymbolicLink()) {
            throw new OperationFailedException("member '" + member + "' would go through the symbolic link "
                    + dest.resolve(rel));
        } else if (!attrs.isDirectory()) {
            throw new OperationFailedException("member '" + member + "' needs " + dest.resolve(rel)
                    + " to be a directory, but it is a file");
        } else {
            handle = openDirectory(parent, name, rel);
        }
        Object key = attributes(handle).fileKey();
        Object known = keys.putIfAbsent(rel, key);
        if (known != null && !known.equals(key)) {
            closeQuietly(handle);
            throw new OperationFailedException(dest.resolve(rel) + " was replaced by another directory while restoring");
        }
        handles.put(rel, handle);
        return handle;
    }

    private SecureDirectoryStream<Path> openDirectory(SecureDirectoryStream<Path> parent, String name, String rel) {
        try {
            return parent.newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new OperationFailedException(dest.resolve(rel) + " changed while restoring (" + IoReason.describe(e)
                    + ")");
        }
    }

    /** A new directory {@code name} in {@code parent}, made in DEST under a random name and renamed there. */
    private SecureDirectoryStream<Path> createDirectory(String parentRel, SecureDirectoryStream<Path> parent,
            String name) throws IOException {
        String staged = PREFIX + randomHex() + ".d";
        Files.createDirectory(dest.resolve(staged));
        SecureDirectoryStream<Path> handle = openDirectory(root, staged, staged);
        Object key;
        try {
            key = attributes(handle).fileKey();
            root.move(Path.of(staged), parent, Path.of(name));
        } catch (IOException | RuntimeException e) {
            closeQuietly(handle);
            try {
                root.deleteDirectory(Path.of(staged));
            } catch (IOException ignored) {
                // moved or gone after all
            }
            String rel = parentRel.isEmpty() ? name : parentRel + "/" + name;
            throw new OperationFailedException("cannot create the directory " + dest.resolve(rel) + ": "
                    + (e instanceof IOException io ? IoReason.describe(io) : e.getMessage()));
        }
        createdDirs.add(new CreatedDir(parentRel, name, key));
        return handle;
    }

    private static BasicFileAttributes attributes(SecureDirectoryStream<Path> dir) throws IOException {
        return dir.getFileAttributeView(BasicFileAttributeView.class).readAttributes();
    }

    private static BasicFileAttributes attributes(SecureDirectoryStream<Path> dir, String name) throws IOException {
        return dir.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .readAttributes();
    }

    private static BasicFileAttributes attributesOrNull(SecureDirectoryStream<Path> dir, String name)
            throws IOException {
        try {
            return attributes(dir, name);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static String randomHex() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException ignored) {
            // a handle or a file we only read or already finished with
        }
    }
}
