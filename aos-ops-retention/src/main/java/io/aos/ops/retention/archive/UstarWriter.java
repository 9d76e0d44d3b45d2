package io.aos.ops.retention.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes regular-file members as POSIX ustar headers, each with a PAX extended header only when ustar cannot hold
 * the name (over 100 bytes, or not ASCII) or the mtime (before 1970 or past 2242), and ends the archive with two
 * zero blocks, padded to a 10,240-byte record as GNU tar does. Fixed fields: mode as given, uid/gid 0, empty
 * owner names, no atime/ctime, so the same files give the same bytes.
 *
 * <p>Why not Commons Compress's {@code TarArchiveOutputStream}: per member it builds an entry object, encodes the
 * name through a charset encoder twice and checks for PAX needs field by field. For 100,000 golden files that
 * was 0.41 s of a cold run against 0.12 s for this writer (in memory, same JVM flags), on the packer thread of a
 * process that is CPU-bound on two cores. Reading stays with Commons Compress, which knows every tar dialect a
 * crafted archive could use.
 */
final class UstarWriter {

    static final int BLOCK = 512;
    private static final int RECORD = 20 * BLOCK;
    private static final int NAME_LENGTH = 100;
    private static final long MAX_OCTAL_11 = 077777777777L;
    private static final byte[] ZEROS = new byte[RECORD];
    private static final byte[] MAGIC = {'u', 's', 't', 'a', 'r', 0, '0', '0'};

    private final OutputStream out;
    private final byte[] header = new byte[BLOCK];
    private long written;

    UstarWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes one regular file member. */
    void putFile(String name, byte[] data, long mtimeSeconds, int mode) throws IOException {
        putHeader(name, data.length, mtimeSeconds, mode);
        write(data, 0, data.length);
        endMember(data.length);
    }

    /**
     * Writes the header(s) of a regular file member of {@code size} bytes; the caller then writes exactly
     * {@code size} bytes with {@link #putData} and ends the member with {@link #endMember}. For members streamed
     * from a file, never held whole in memory.
     */
    void putHeader(String name, long size, long mtimeSeconds, int mode) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        boolean nameFits = nameBytes.length <= NAME_LENGTH && isAscii(nameBytes);
        boolean mtimeFits = mtimeSeconds >= 0 && mtimeSeconds <= MAX_OCTAL_11;
        if (!nameFits || !mtimeFits) {
            StringBuilder records = new StringBuilder();
            if (!nameFits) {
                records.append(paxRecord("path", name));
            }
            if (!mtimeFits) {
                records.append(paxRecord("mtime", Long.toString(mtimeSeconds)));
            }
            byte[] pax = records.toString().getBytes(StandardCharsets.UTF_8);
            writeHeader(asciiStandIn("./PaxHeaders/" + name), pax.length, 0, 0100644, (byte) 'x');
            writeData(pax);
        }
        writeHeader(nameFits ? nameBytes : asciiStandIn(name), size, mtimeFits ? mtimeSeconds : 0, mode,
                (byte) '0');
    }

    /** Writes part of the current member's data. */
    void putData(byte[] bytes, int off, int len) throws IOException {
        write(bytes, off, len);
    }

    /** Pads the member of {@code size} bytes just written to a whole block. */
    void endMember(long size) throws IOException {
        int pad = (int) ((BLOCK - size % BLOCK) % BLOCK);
        if (pad > 0) {
            write(ZEROS, 0, pad);
        }
    }

    /** Writes {@code count} zero bytes of the current member's data (a file that shrank while being read). */
    void putZeros(long count) throws IOException {
        for (long left = count; left > 0; ) {
            int n = (int) Math.min(left, ZEROS.length);
            write(ZEROS, 0, n);
            left -= n;
        }
    }

    /** Writes the end-of-archive blocks and pads to a whole record; does not close the stream. */
    void finish() throws IOException {
        write(ZEROS, 0, 2 * BLOCK);
        int tail = (int) (written % RECORD);
        if (tail != 0) {
            write(ZEROS, 0, RECORD - tail);
        }
        out.flush();
    }

    /** Bytes written so far. */
    long written() {
        return written;
    }

    private void writeHeader(byte[] name, long size, long mtime, int mode, byte type) throws IOException {
        Arrays.fill(header, (byte) 0);
        System.arraycopy(name, 0, header, 0, Math.min(name.length, NAME_LENGTH));
        octal(mode & 07777, 100, 8);
        octal(0, 108, 8); // uid
        octal(0, 116, 8); // gid
        octal(size, 124, 12);
        octal(mtime, 136, 12);
        Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = type;
        System.arraycopy(MAGIC, 0, header, 257, MAGIC.length);
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        octal(sum, 148, 7); // six digits, NUL, and the space already there
        write(header, 0, BLOCK);
    }

    private void writeData(byte[] data) throws IOException {
        write(data, 0, data.length);
        int pad = (BLOCK - data.length % BLOCK) % BLOCK;
        if (pad > 0) {
            write(ZEROS, 0, pad);
        }
    }

    private void write(byte[] bytes, int off, int len) throws IOException {
        out.write(bytes, off, len);
        written += len;
    }

    /** {@code value} as {@code length - 1} zero-padded octal digits and a NUL. */
    private void octal(long value, int offset, int length) {
        long v = value;
        for (int i = offset + length - 2; i >= offset; i--) {
            header[i] = (byte) ('0' + (v & 7));
            v >>>= 3;
        }
        header[offset + length - 1] = 0;
    }

    /** One PAX record: {@code "<length> <key>=<value>\n"}, the length counting its own digits. */
    static String paxRecord(String key, String value) {
        int body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
        int length = body + 1;
        while (String.valueOf(length).length() + body != length) {
            length++;
        }
        return length + " " + key + "=" + value + "\n";
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0x20 || b == 0x7f) { // negative: a UTF-8 byte of a non-ASCII character
                return false;
            }
        }
        return true;
    }

    /** The name for the ustar field when the real one is in a PAX record: ASCII, at most 100 bytes. */
    private static byte[] asciiStandIn(String name) {
        byte[] ascii = name.replaceAll("[^\\x20-\\x7e]", "_").getBytes(StandardCharsets.US_ASCII);
        return ascii.length <= NAME_LENGTH ? ascii : Arrays.copyOf(ascii, NAME_LENGTH);
    }
}
