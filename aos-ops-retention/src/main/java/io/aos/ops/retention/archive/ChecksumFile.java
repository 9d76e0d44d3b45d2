package io.aos.ops.retention.archive;

import io.aos.ops.core.io.AtomicFiles;
import io.aos.ops.core.text.ControlCharacters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code <archive>.sha256} file beside each archive, in {@code sha256sum} format ({@code <hex>  <name>}), so
 * {@code sha256sum -c} checks it too.
 */
public final class ChecksumFile {

    private ChecksumFile() {
    }

    /** Writes the checksum file of an archive (a seam, so tests can fail it). */
    @FunctionalInterface
    interface Writer {
        void write(Path archive, String sha256) throws IOException;
    }

    public static Path of(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".sha256");
    }

    /**
     * Creates the checksum file of {@code archive}, durably, and never over an existing one: a
     * {@link java.nio.file.FileAlreadyExistsException} says the name is taken (by another run's archive, or any
     * file), and the caller picks another name. Creating it is how an archive name is claimed.
     */
    static void create(Path archive, String sha256) throws IOException {
        Path file = of(archive);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        boolean written = false;
        try (channel) {
            ByteBuffer bytes = ByteBuffer.wrap(line(archive, sha256).getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
            written = true;
        } finally {
            if (!written) {
                Files.deleteIfExists(file); // ours (CREATE_NEW made it), half-written: disk full
            }
        }
        AtomicFiles.forceDirectory(file.toAbsolutePath().getParent());
    }

    /** Replaces the checksum file of {@code archive} (tests that craft archives). */
    static void write(Path archive, String sha256) throws IOException {
        AtomicFiles.replace(of(archive), line(archive, sha256));
    }

    /** The one line of a checksum file, as {@code sha256sum} prints it. */
    static String line(Path archive, String sha256) {
        return sha256 + "  " + archive.getFileName() + "\n";
    }

    /** A checksum line is {@code <64 hex>  <name>\n}, the name at most 255 bytes. */
    static final int MAX_BYTES = 4096;

    /** 64 hex digits (either case) and the space or tab after them. */
    private static final Pattern HEX_AND_SEPARATOR = Pattern.compile("[0-9a-fA-F]{64}[ \\t]");

    /**
     * The recorded digest, or an {@link ArchiveDamage} when the file is missing, not a regular file, larger than a
     * checksum line, is not one checksum line as {@code sha256sum -c} reads it, or names a file other than
     * {@code archive}. Read as bytes: a file that is not text is malformed, not an encoding error.
     *
     * <p>The line is GNU {@code sha256sum}'s: optional blanks, 64 hex digits of either case ({@code sha256sum -c}
     * accepts upper case too), one space or tab, an optional {@code ' '} or {@code '*'} (text or binary mode), the
     * file name, an optional {@code \r}, then {@code \n} or the end of the file. A line starting with a backslash
     * holds an escaped name ({@code \\}, {@code \n}, {@code \r}). The name must be the archive's own file name, as
     * {@code sha256sum} writes it when run in the archive's directory: {@code sha256sum -c} checks the file a line
     * names, so a line naming another file says nothing about this one. Exactly one line: anything after it is
     * malformed here (another file's line, or text {@code sha256sum -c} would refuse).
     */
    static String read(Path archive) throws IOException {
        Path file = of(archive);
        String name = file.getFileName().toString();
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new ArchiveDamage("checksum file " + name + " is missing");
        }
        if (!attrs.isRegularFile()) {
            throw new ArchiveDamage("checksum file " + name + " is not a regular file");
        }
        if (attrs.size() > MAX_BYTES) {
            throw new ArchiveDamage("checksum file " + name + " is malformed: " + attrs.size()
                    + " bytes, more than a checksum line");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES);
        }
        return parse(bytes, name, archive.getFileName().toString());
    }

    /**
     * The digest of a checksum file's {@code bytes}, lower case, after checking that its one line names
     * {@code archiveName}; see {@link #read}.
     *
     * @param bytes        the checksum file's contents
     * @param fileName     the checksum file's name, for messages
     * @param archiveName  the archive's file name
     * @return the digest, lower case
     */
    static String parse(byte[] bytes, String fileName, String archiveName) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1); // one char per byte, whatever the bytes
        int start = 0;
        while (start < text.length() && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++; // sha256sum -c skips leading blanks
        }
        boolean escaped = text.startsWith("\\", start);
        if (escaped) {
            start++;
        }
        if (!HEX_AND_SEPARATOR.matcher(text).region(start, text.length()).lookingAt()) {
            throw new ArchiveDamage("checksum file " + fileName + " is malformed: it does not start with a 64-digit "
                    + "hex SHA-256");
        }
        String sha256 = text.substring(start, start + 64).toLowerCase(Locale.ROOT);
        int from = start + 65;
        if (from < text.length() && (text.charAt(from) == ' ' || text.charAt(from) == '*')) {
            from++; // sha256sum's mode flag: ' ' text, '*' binary
        }
        int newline = text.indexOf('\n', from);
        int end = newline < 0 ? text.length() : newline;
        if (newline >= 0 && newline + 1 < text.length()) {
            throw new ArchiveDamage("checksum file " + fileName + " is malformed: it holds more than one line");
        }
        if (end > from && text.charAt(end - 1) == '\r') {
            end--;
        }
        if (end == from) {
            throw new ArchiveDamage("checksum file " + fileName + " is malformed: no file name after the SHA-256");
        }
        byte[] named = text.substring(from, end).getBytes(StandardCharsets.ISO_8859_1);
        if (escaped) {
            named = unescaped(named, fileName);
        }
        if (!Arrays.equals(named, archiveName.getBytes(StandardCharsets.UTF_8))) {
            throw new ArchiveDamage("checksum file " + fileName + " names another file ('"
                    + ControlCharacters.oneLine(new String(named, StandardCharsets.UTF_8)) + "'), not "
                    + ControlCharacters.oneLine(archiveName)
                    + ": it is not this archive's checksum");
        }
        return sha256;
    }

    /** A name escaped as on a {@code sha256sum} line starting with a backslash: {@code \\}, {@code \n}, {@code \r}. */
    private static byte[] unescaped(byte[] name, String fileName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(name.length);
        for (int i = 0; i < name.length; i++) {
            byte b = name[i];
            if (b != '\\') {
                out.write(b);
                continue;
            }
            byte next = i + 1 < name.length ? name[++i] : 0;
            switch (next) {
                case '\\' -> out.write('\\');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                default -> throw new ArchiveDamage("checksum file " + fileName + " is malformed: its escaped file "
                        + "name holds a backslash that escapes nothing sha256sum escapes");
            }
        }
        return out.toByteArray();
    }
}
