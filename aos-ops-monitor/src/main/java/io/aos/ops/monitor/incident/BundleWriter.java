package io.aos.ops.monitor.incident;

import static com.google.common.base.Preconditions.checkArgument;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadInputException;
import io.aos.ops.core.io.FileTooLargeException;
import io.aos.ops.core.io.NotRegularFileException;
import io.aos.ops.core.io.RegularFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes the files of one bundle into its (staging) directory and remembers what each holds: every file is created
 * new (never over another), its SHA-256 computed from the bytes written, so the manifest describes the bundle as it
 * is on disk. A source is only ever read: checked to be a regular file of bounded size, then streamed, never moved
 * or changed; one that is absent or cannot be read is noted with the reason and the capture goes on.
 *
 * <p>A failure to write into the bundle (disk full) is not the source's fault and is thrown, naming the file.
 */
final class BundleWriter {

    /** One file of the bundle: its name in the bundle, where it came from (null for a generated file), bytes. */
    record Entry(String name, Path source, long bytes, String sha256) {
    }

    /** A source that was not captured, and why. */
    record Skipped(Path source, String reason) {
    }

    static final String MANIFEST = "MANIFEST.sha256";

    private final Path dir;
    private final long maxFileBytes;
    private final Map<String, Entry> entries = new TreeMap<>();
    private final Map<Path, String> copiedFrom = new LinkedHashMap<>();
    private final List<Skipped> unreadable = new ArrayList<>();
    private final List<Path> absent = new ArrayList<>();
    private final Set<Path> absentSeen = new HashSet<>();

    BundleWriter(Path dir, long maxFileBytes) {
        checkArgument(maxFileBytes > 0, "maxFileBytes must be positive, got %s", maxFileBytes);
        this.dir = dir;
        this.maxFileBytes = maxFileBytes;
    }

    Path dir() {
        return dir;
    }

    /**
     * Copies {@code source} to {@code name} in the bundle (a name taken already gets a {@code -2}, {@code -3}...
     * before its extension). A source copied before under any name is not copied again; its bundle name is
     * returned. Empty when the source is absent or cannot be read (noted either way).
     */
    java.util.Optional<String> copy(Path source, String name) {
        Path key = identity(source);
        String done = copiedFrom.get(key);
        if (done != null) {
            return java.util.Optional.of(done);
        }
        BasicFileAttributes attrs;
        try {
            attrs = RegularFile.check(source);
        } catch (NoSuchFileException e) {
            if (absentSeen.add(key)) {
                absent.add(source);
            }
            return java.util.Optional.empty();
        } catch (IOException e) {
            unreadable.add(new Skipped(source, reason(e)));
            return java.util.Optional.empty();
        }
        if (attrs.size() > maxFileBytes) {
            unreadable.add(new Skipped(source, "is " + attrs.size() + " bytes, larger than the " + maxFileBytes
                    + "-byte bound for one file (--max-file-mb); not copied"));
            return java.util.Optional.empty();
        }
        String unique = unique(name);
        Path target = target(unique);
        InputStream opened;
        try {
            opened = RegularFile.newInputStream(source, maxFileBytes);
        } catch (NoSuchFileException e) {
            unreadable.add(new Skipped(source, "vanished before it could be read"));
            return java.util.Optional.empty();
        } catch (IOException e) {
            unreadable.add(new Skipped(source, reason(e)));
            return java.util.Optional.empty();
        }
        try (InputStream in = opened) {
            Entry entry = write(unique, source, in);
            // The copy keeps the source's modification time, as cp -p does: when it was last written is evidence.
            Files.setLastModifiedTime(target, attrs.lastModifiedTime());
            copiedFrom.put(key, unique);
            entries.put(unique, entry);
            return java.util.Optional.of(unique);
        } catch (SourceReadException e) {
            deleteQuietly(target);
            unreadable.add(new Skipped(source, reason(e.getCause())));
            return java.util.Optional.empty();
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
    }

    /** Writes generated text (UTF-8) as {@code name}; the name must be free. */
    String text(String name, String text) {
        checkArgument(!entries.containsKey(name), "bundle file %s written twice", name);
        Path target = target(name);
        try (InputStream in = new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))) {
            entries.put(name, write(name, null, in));
            return name;
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
    }

    /**
     * Writes {@code MANIFEST.sha256} in {@code sha256sum} format ({@code <hex>  <name>}, names relative to the
     * bundle, in name order) over every file written so far, and records it too.
     */
    String manifest() {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries.values()) {
            sb.append(e.sha256()).append("  ").append(e.name()).append('\n');
        }
        return text(MANIFEST, sb.toString());
    }

    /** Every file of the bundle by name, with its SHA-256 (hex). */
    Map<String, String> digests() {
        Map<String, String> map = new TreeMap<>();
        entries.forEach((name, e) -> map.put(name, e.sha256()));
        return map;
    }

    List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** Sources that exist but could not be read, each with the reason. */
    List<Skipped> unreadable() {
        return Collections.unmodifiableList(unreadable);
    }

    /** Sources that were not there to capture. */
    List<Path> absent() {
        return Collections.unmodifiableList(absent);
    }

    /** Notes a source that could not be read by other means (a listing that failed). */
    void noteUnreadable(Path source, String reason) {
        unreadable.add(new Skipped(source, reason));
    }

    private Entry write(String name, Path source, InputStream in) throws IOException {
        Path target = target(name);
        Files.createDirectories(target.getParent());
        MessageDigest digest = sha256();
        long bytes = 0;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), digest)) {
            byte[] buffer = new byte[1 << 16];
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    throw new SourceReadException(e);
                }
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                bytes += n;
            }
        }
        return new Entry(name, source, bytes, HexFormat.of().formatHex(digest.digest()));
    }

    private Path target(String name) {
        Path target = dir.resolve(name).normalize();
        checkArgument(target.startsWith(dir) && !name.startsWith("/"), "bundle name outside the bundle: %s", name);
        return target;
    }

    private String unique(String name) {
        if (!entries.containsKey(name)) {
            return name;
        }
        int slash = name.lastIndexOf('/');
        int dot = name.indexOf('.', slash + 1);
        String stem = dot > slash + 1 ? name.substring(0, dot) : name;
        String ext = dot > slash + 1 ? name.substring(dot) : "";
        for (int i = 2; ; i++) {
            String candidate = stem + "-" + i + ext;
            if (!entries.containsKey(candidate)) {
                return candidate;
            }
        }
    }

    private static Path identity(Path source) {
        try {
            return source.toRealPath();
        } catch (IOException e) {
            return source.toAbsolutePath().normalize();
        }
    }

    /** The OS's reason in words: {@code is a FIFO, not a regular file}, {@code permission denied}. */
    static String reason(IOException e) {
        if (e instanceof NotRegularFileException || e instanceof FileTooLargeException) {
            return ((FileSystemException) e).getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "vanished while being read";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static AosOpsException cannotWrite(Path target, IOException e) {
        return new BadInputException(target, "cannot be written: " + reason(e), e);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the bundle is abandoned by the caller's error anyway
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /** A read of the source failed half-way: the source's problem, not the bundle's. */
    private static final class SourceReadException extends IOException {
        private static final long serialVersionUID = 1L;

        SourceReadException(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }
}
