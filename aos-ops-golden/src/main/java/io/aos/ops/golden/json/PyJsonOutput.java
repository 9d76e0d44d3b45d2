package io.aos.ops.golden.json;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A growable ASCII byte buffer that writes JSON tokens exactly as Python's {@code json.dumps(..., ensure_ascii=True)}
 * does: strings with {@code \"}, {@code \\}, {@code \n}-style short escapes and lowercase {@code \\uXXXX} for every
 * other character outside printable ASCII (astral characters as their UTF-16 surrogate pair), floats as
 * {@code repr}, non-finite floats as {@code NaN}/{@code Infinity}, integers exact.
 *
 * <p>Everything written is ASCII, so the bytes can go straight into a digest without an encoding step. Reusable:
 * {@link #reset()} keeps the array. Not thread-safe: one buffer per thread.
 */
public final class PyJsonOutput {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] buf;
    private int len;
    private final StringBuilder scratch = new StringBuilder(32);

    /** An empty buffer of 256 bytes. */
    public PyJsonOutput() {
        this(256);
    }

    /**
     * An empty buffer.
     *
     * @param initialCapacity bytes to start with (at least 16 are allocated)
     */
    public PyJsonOutput(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Empties the buffer, keeping its array. */
    public void reset() {
        len = 0;
    }

    /** {@return the number of bytes written} */
    public int length() {
        return len;
    }

    /**
     * Truncates to {@code length} bytes (to undo a partly written token).
     *
     * @param length the new length, 0 to {@link #length()}
     * @throws IndexOutOfBoundsException if {@code length} is outside that range
     */
    public void setLength(int length) {
        if (length < 0 || length > len) {
            throw new IndexOutOfBoundsException("length " + length + " outside 0.." + len);
        }
        len = length;
    }

    /**
     * The backing array; valid bytes are {@code [0, length())}.
     *
     * @return the array itself, not a copy
     */
    public byte[] array() {
        return buf;
    }

    /** {@return a copy of the bytes written} */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    /**
     * Feeds the written bytes to {@code digest}.
     *
     * @param digest the digest to update
     */
    public void updateDigest(MessageDigest digest) {
        digest.update(buf, 0, len);
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.ISO_8859_1);
    }

    void ensure(int extra) {
        int needed = len + extra;
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
        }
    }

    /**
     * Writes one byte.
     *
     * @param b the byte, in its low 8 bits
     */
    public void writeByte(int b) {
        ensure(1);
        buf[len++] = (byte) b;
    }

    /**
     * Writes text known to be ASCII (separators, literals) as is.
     *
     * @param ascii ASCII text
     */
    public void writeAscii(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) ascii.charAt(i);
        }
    }

    /**
     * Copies {@code count} bytes from {@code src} at {@code offset}.
     *
     * @param src    the bytes
     * @param offset where to start in {@code src}
     * @param count  how many
     */
    public void writeBytes(byte[] src, int offset, int count) {
        ensure(count);
        System.arraycopy(src, offset, buf, len, count);
        len += count;
    }

    /** Writes {@code null}. */
    public void writeNull() {
        writeAscii("null");
    }

    /**
     * Writes {@code true} or {@code false}.
     *
     * @param value the value
     */
    public void writeBoolean(boolean value) {
        writeAscii(value ? "true" : "false");
    }

    /**
     * Writes an integer.
     *
     * @param value the value
     */
    public void writeLong(long value) {
        writeAscii(Long.toString(value));
    }

    /**
     * Writes an integer of any size, exactly.
     *
     * @param value the value
     */
    public void writeBigInteger(BigInteger value) {
        writeAscii(value.toString());
    }

    /**
     * Writes an integer given as JSON text. Python reads {@code -0} as the int 0 and writes {@code 0}; everything
     * else a valid JSON integer can be is already Python's rendering.
     *
     * @param text a JSON integer's text
     */
    public void writeIntegerText(String text) {
        writeAscii("-0".equals(text) ? "0" : text);
    }

    /**
     * Python's rendering of a float in JSON: {@code repr}, or {@code NaN}, {@code Infinity}, {@code -Infinity}.
     *
     * @param value the value
     */
    public void writeDouble(double value) {
        if (Double.isNaN(value)) {
            writeAscii("NaN");
        } else if (Double.isInfinite(value)) {
            writeAscii(value > 0 ? "Infinity" : "-Infinity");
        } else {
            scratch.setLength(0);
            PyFloat.appendFinite(scratch, value);
            int n = scratch.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[len++] = (byte) scratch.charAt(i);
            }
        }
    }

    /**
     * Python's rendering of {@code round(value, ndigits)}, without building the rounded double's text twice.
     *
     * @param value   the value before rounding
     * @param ndigits decimal places
     */
    public void writeRoundedDouble(double value, int ndigits) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            writeDouble(value);
            return;
        }
        if (value != 0.0 && writeRoundedFixed(value, ndigits)) {
            return;
        }
        scratch.setLength(0);
        PyFloat.appendRounded(scratch, value, ndigits);
        int n = scratch.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) scratch.charAt(i);
        }
    }

    private final byte[] digits = new byte[20];

    /**
     * The hot case of {@link #writeRoundedDouble}, straight into the buffer: the rounded value has at most 15
     * significant digits (so those digits are its shortest repr, see {@link PyFloat#appendRounded}) and Python
     * prints it in fixed notation. Returns false to leave any other case to the general path.
     */
    private boolean writeRoundedFixed(double value, int ndigits) {
        long scaled = PyFloat.roundScaled(value, ndigits);
        if (scaled == PyFloat.NO_FAST_PATH || scaled == 0 || Math.abs(scaled) >= 1_000_000_000_000_000L) {
            return false;
        }
        long v = Math.abs(scaled);
        int total = 0;
        for (long t = v; t != 0; t /= 10) {
            total++;
        }
        for (int i = total - 1; i >= 0; i--) {
            digits[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        int significant = total;
        while (digits[significant - 1] == '0') {
            significant--;
        }
        int decpt = total - ndigits;
        int exponent = decpt - 1;
        if (exponent < -4 || exponent >= 16) {
            return false;
        }
        ensure(significant + Math.abs(decpt) + 4);
        if (scaled < 0) {
            buf[len++] = '-';
        }
        if (decpt <= 0) {
            buf[len++] = '0';
            buf[len++] = '.';
            for (int i = decpt; i < 0; i++) {
                buf[len++] = '0';
            }
            System.arraycopy(digits, 0, buf, len, significant);
            len += significant;
        } else if (decpt >= significant) {
            System.arraycopy(digits, 0, buf, len, significant);
            len += significant;
            for (int i = significant; i < decpt; i++) {
                buf[len++] = '0';
            }
            buf[len++] = '.';
            buf[len++] = '0';
        } else {
            System.arraycopy(digits, 0, buf, len, decpt);
            len += decpt;
            buf[len++] = '.';
            System.arraycopy(digits, decpt, buf, len, significant - decpt);
            len += significant - decpt;
        }
        return true;
    }

    /**
     * Writes ASCII characters as they are (a JSON integer's text).
     *
     * @param chars  the characters, all ASCII
     * @param offset where to start
     * @param count  how many
     */
    public void writeAscii(char[] chars, int offset, int count) {
        ensure(count);
        for (int i = 0; i < count; i++) {
            buf[len++] = (byte) chars[offset + i];
        }
    }

    /**
     * Writes a quoted, escaped JSON string from a parser's character buffer, without making a String.
     *
     * @param chars  the characters
     * @param offset where to start
     * @param count  how many
     */
    public void writeString(char[] chars, int offset, int count) {
        ensure(count + 2);
        buf[len++] = '"';
        for (int i = 0; i < count; i++) {
            char c = chars[offset + i];
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                buf[len++] = (byte) c;
            } else {
                writeEscape(c);
                ensure(count - i + 1);
            }
        }
        ensure(1);
        buf[len++] = '"';
    }

    /**
     * Writes a quoted, escaped JSON string.
     *
     * @param s the string
     */
    public void writeString(CharSequence s) {
        int n = s.length();
        ensure(n + 2);
        buf[len++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                if (len == buf.length) {
                    ensure(n - i + 1);
                }
                buf[len++] = (byte) c;
            } else {
                writeEscape(c);
                ensure(n - i + 1);
            }
        }
        ensure(1);
        buf[len++] = '"';
    }

    private void writeEscape(char c) {
        ensure(6);
        buf[len++] = '\\';
        switch (c) {
            case '"' -> buf[len++] = '"';
            case '\\' -> buf[len++] = '\\';
            case '\n' -> buf[len++] = 'n';
            case '\r' -> buf[len++] = 'r';
            case '\t' -> buf[len++] = 't';
            case '\b' -> buf[len++] = 'b';
            case '\f' -> buf[len++] = 'f';
            default -> {
                buf[len++] = 'u';
                buf[len++] = HEX[(c >> 12) & 0xf];
                buf[len++] = HEX[(c >> 8) & 0xf];
                buf[len++] = HEX[(c >> 4) & 0xf];
                buf[len++] = HEX[c & 0xf];
            }
        }
    }
}
