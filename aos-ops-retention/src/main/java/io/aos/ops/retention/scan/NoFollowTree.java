package io.aos.ops.retention.scan;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A directory tree whose files are read, checked and deleted without following a symbolic link anywhere below its
 * root: every directory below the root is opened relative to its parent's open descriptor with {@code O_NOFOLLOW}
 * ({@link SecureDirectoryStream}), and every file is looked up, opened and unlinked relative to its directory's
 * descriptor, also without following a link. So a directory or file of the tree swapped for a link while a retention
 * run works on it (by a process that can write the tree) makes the operation fail on that path; it can never send a
 * read or a delete outside the tree. The root itself is opened as given (an operator may configure a link to it).
 *
 * <p>A file is opened only after a look at it ({@code fstatat}, no link followed) shows a regular file, so a file
 * replaced by a FIFO before that look is refused rather than opened, which would block until a writer came. (A swap
 * in the microseconds between the look and the open remains possible: the JDK opens no file non-blocking.)
 *
 * <p>Where the file system offers no {@link SecureDirectoryStream}, paths are used, with links refused only as the
 * last component. Thread-safe: the open directories are shared, and the JDK's secure streams take their own locks.
 */
public final class NoFollowTree implements AutoCloseable {

    private static final Set<OpenOption> READ_NO_LINK = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    /** A directory on a file's way is not one of the tree's any more: a link, a file or a FIFO stands there. */
    public static final class NotInTreeException extends FileSystemException {
        private static final long serialVersionUID = 1L;

        NotInTreeException(Path path, String reason) {
            super(path.toString(), null, reason);
        }
    }

    private final Path root;
    /** Open directories by their path relative to the root ("" for the root); absent until first used. */
    private final ConcurrentHashMap<String, SecureDirectoryStream<Path>> open = new ConcurrentHashMap<>();
    /** False when the file system gives no secure streams: then by path. */
    private volatile boolean secure = true;
    private volatile boolean closed;

    private NoFollowTree(Path root) {
        this.root = root;
    }

    /**
     * The tree below {@code root}; nothing is opened until used.
     *
     * @param root the tree's root directory
     * @return the tree
     */
    public static NoFollowTree of(Path root) {
        return new NoFollowTree(checkNotNull(root, "root"));
    }

    /** {@return the root, as given} */
    public Path root() {
        return root;
    }

    /**
     * The attributes of the file at {@code relative} ('/'-separated, below the root), not following a link.
     *
     * @param relative the file's path below the root
     * @return its attributes
     * @throws NoSuchFileException if it, or a directory on its way, does not exist
     * @throws NotInTreeException  if a directory on its way is a link or not a directory
     * @throws IOException         if it cannot be read
     */
    public BasicFileAttributes attributes(String relative) throws IOException {
        SecureDirectoryStream<Path> dir = parent(relative);
        if (dir == null) {
            return Files.readAttributes(root.resolve(relative), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        return dir.getFileAttributeView(name(relative), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .readAttributes();
    }

    /**
     * Opens the regular file at {@code relative} for reading, not following a link.
     *
     * @param relative the file's path below the root
     * @return the open channel
     * @throws NoSuchFileException if it, or a directory on its way, does not exist
     * @throws FileSystemException if it is not a regular file (a link, a FIFO, a directory, a device), or a directory
     *                             on its way is a link or not a directory
     * @throws IOException         if it cannot be opened
     */
    public SeekableByteChannel openRegular(String relative) throws IOException {
        BasicFileAttributes attrs = attributes(relative);
        if (!attrs.isRegularFile()) {
            throw new FileSystemException(root.resolve(relative).toString(), null,
                    "not a regular file (" + kind(attrs) + ")");
        }
        SecureDirectoryStream<Path> dir = parent(relative);
        if (dir == null) {
            return Files.newByteChannel(root.resolve(relative), READ_NO_LINK);
        }
        return dir.newByteChannel(name(relative), READ_NO_LINK);
    }

    /**
     * Unlinks the file at {@code relative}, relative to its open directory (a link is unlinked itself, never
     * followed).
     *
     * @param relative the file's path below the root
     * @throws NoSuchFileException if it, or a directory on its way, does not exist
     * @throws IOException         if a directory on its way is a link, or it cannot be unlinked
     */
    public void delete(String relative) throws IOException {
        SecureDirectoryStream<Path> dir = parent(relative);
        if (dir == null) {
            Files.delete(root.resolve(relative));
        } else {
            dir.deleteFile(name(relative));
        }
    }

    /** What a file is, for a message. */
    static String kind(BasicFileAttributes attrs) {
        return attrs.isSymbolicLink() ? "a symbolic link" : attrs.isDirectory() ? "a directory"
                : attrs.isOther() ? "a FIFO, socket or device" : "not a regular file";
    }

    private static Path name(String relative) {
        int slash = relative.lastIndexOf('/');
        return Path.of(slash < 0 ? relative : relative.substring(slash + 1));
    }

    /** The open directory of {@code relative}'s parent; null when there are no secure streams (use paths). */
    private SecureDirectoryStream<Path> parent(String relative) throws IOException {
        int slash = relative.lastIndexOf('/');
        return directory(slash < 0 ? "" : relative.substring(0, slash));
    }

    private SecureDirectoryStream<Path> directory(String relative) throws IOException {
        if (!secure) {
            return null;
        }
        SecureDirectoryStream<Path> dir = open.get(relative);
        if (dir != null) {
            return dir;
        }
        SecureDirectoryStream<Path> opened;
        if (relative.isEmpty()) {
            DirectoryStream<Path> stream = Files.newDirectoryStream(root);
            if (!(stream instanceof SecureDirectoryStream<Path> s)) {
                stream.close();
                secure = false;
                return null;
            }
            opened = s;
        } else {
            int slash = relative.lastIndexOf('/');
            SecureDirectoryStream<Path> up = directory(slash < 0 ? "" : relative.substring(0, slash));
            if (up == null) {
                return null;
            }
            Path name = Path.of(slash < 0 ? relative : relative.substring(slash + 1));
            // a look first: the JDK opens a directory without O_DIRECTORY, so a FIFO in its place would block
            BasicFileAttributes attrs = up.getFileAttributeView(name, BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).readAttributes();
            if (!attrs.isDirectory()) {
                throw new NotInTreeException(root.resolve(relative), "not a directory of the tree (" + kind(attrs)
                        + ")");
            }
            try {
                opened = up.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                throw e;
            } catch (NotDirectoryException e) {
                throw new NotInTreeException(root.resolve(relative), "not a directory of the tree (a file)");
            } catch (FileSystemException e) {
                if (e instanceof java.nio.file.AccessDeniedException) {
                    throw e;
                }
                // ELOOP: O_NOFOLLOW met a link where the look a moment ago saw a directory
                throw new NotInTreeException(root.resolve(relative), "not a directory of the tree (a symbolic link?): "
                        + e.getReason());
            }
        }
        SecureDirectoryStream<Path> raced = open.putIfAbsent(relative, opened);
        if (raced != null) {
            opened.close();
            return raced;
        }
        if (closed) {
            close();
            throw new IOException("closed: " + root);
        }
        return opened;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        IOException failed = null;
        for (String key : open.keySet()) {
            SecureDirectoryStream<Path> stream = open.remove(key);
            if (stream != null) {
                try {
                    stream.close();
                } catch (IOException e) {
                    failed = failed == null ? e : failed;
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
