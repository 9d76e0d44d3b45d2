package io.aos.ops.golden.hash;

import static com.google.common.base.Preconditions.checkPositionIndexes;

import java.util.HexFormat;

/**
 * The first 64 bits of SHA-256 (FIPS 180-4), for the short inputs a trace hashes once per step: a step's canonical
 * output for its {@code output_hash} (16 hex digits), {@code "<base seed>:<index>"} for its seed. Plain Java that
 * the C1 compiler, which short CLI runs use alone (see bin/aos-ops), compiles well: bytes are read with shifts, not
 * through the VarHandles of the JDK's implementation, which C1 does not inline, and no digest object is set up per
 * input. Where C2 runs, the JDK's {@code MessageDigest} with its SHA-NI intrinsic is faster for long inputs; this is
 * for the per-step hashing of golden traces only. Equal to {@code MessageDigest.getInstance("SHA-256")} on every
 * input (a differential test checks it).
 *
 * <p>Not thread-safe (it reuses its buffers): one per thread.
 */
public final class Sha256Prefix {

    private static final HexFormat HEX = HexFormat.of();

    private static final int[] K = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    };

    private final int[] state = new int[8];
    private final int[] w = new int[16];
    /** The last one or two blocks: the input's tail, the 0x80 byte, zeros and the length in bits. */
    private final byte[] tail = new byte[128];

    /** A hasher with its own buffers. */
    public Sha256Prefix() {
    }

    /**
     * The first 8 bytes of the SHA-256 digest of {@code data[offset, offset + length)}, big-endian.
     *
     * @param data   the bytes
     * @param offset where the input starts
     * @param length its length
     * @return the digest's first 64 bits
     * @throws IndexOutOfBoundsException if the range is outside {@code data}
     */
    public long first64(byte[] data, int offset, int length) {
        checkPositionIndexes(offset, offset + length, data.length);
        int[] s = state;
        s[0] = 0x6a09e667;
        s[1] = 0xbb67ae85;
        s[2] = 0x3c6ef372;
        s[3] = 0xa54ff53a;
        s[4] = 0x510e527f;
        s[5] = 0x9b05688c;
        s[6] = 0x1f83d9ab;
        s[7] = 0x5be0cd19;
        int end = offset + length;
        int at = offset;
        for (; end - at >= 64; at += 64) {
            compress(data, at);
        }
        int rest = end - at;
        byte[] t = tail;
        System.arraycopy(data, at, t, 0, rest);
        t[rest] = (byte) 0x80;
        int blocks = rest + 9 <= 64 ? 1 : 2;
        int lengthAt = blocks * 64 - 8;
        for (int i = rest + 1; i < lengthAt; i++) {
            t[i] = 0;
        }
        long bits = (long) length << 3;
        for (int i = 0; i < 8; i++) {
            t[lengthAt + i] = (byte) (bits >>> (56 - 8 * i));
        }
        compress(t, 0);
        if (blocks == 2) {
            compress(t, 64);
        }
        return ((long) s[0] << 32) | (s[1] & 0xffffffffL);
    }

    /**
     * The first 16 hex digits of the SHA-256 digest of the range: upstream's {@code output_hash} shape.
     *
     * @param data   the bytes
     * @param offset where the input starts
     * @param length its length
     * @return 16 lowercase hex digits
     * @throws IndexOutOfBoundsException if the range is outside {@code data}
     */
    public String hex16(byte[] data, int offset, int length) {
        return HEX.toHexDigits(first64(data, offset, length));
    }

    private void compress(byte[] b, int at) {
        int[] w = this.w;
        for (int t = 0, q = at; t < 16; t++, q += 4) {
            w[t] = (b[q] << 24) | ((b[q + 1] & 0xff) << 16) | ((b[q + 2] & 0xff) << 8) | (b[q + 3] & 0xff);
        }
        int[] s = state;
        int a = s[0];
        int b1 = s[1];
        int c = s[2];
        int d = s[3];
        int e = s[4];
        int f = s[5];
        int g = s[6];
        int h = s[7];
        int[] k = K;
        int x;
        int y;
        int t = 0;
        h += (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7)))
                + ((e & f) ^ (~e & g)) + k[t + 0] + w[0];
        d += h;
        h += (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10)))
                + ((a & b1) ^ (a & c) ^ (b1 & c));
        g += (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7)))
                + ((d & e) ^ (~d & f)) + k[t + 1] + w[1];
        c += g;
        g += (((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10)))
                + ((h & a) ^ (h & b1) ^ (a & b1));
        f += (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7)))
                + ((c & d) ^ (~c & e)) + k[t + 2] + w[2];
        b1 += f;
        f += (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10)))
                + ((g & h) ^ (g & a) ^ (h & a));
        e += (((b1 >>> 6) | (b1 << 26)) ^ ((b1 >>> 11) | (b1 << 21)) ^ ((b1 >>> 25) | (b1 << 7)))
                + ((b1 & c) ^ (~b1 & d)) + k[t + 3] + w[3];
        a += e;
        e += (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10)))
                + ((f & g) ^ (f & h) ^ (g & h));
        d += (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7)))
                + ((a & b1) ^ (~a & c)) + k[t + 4] + w[4];
        h += d;
        d += (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10)))
                + ((e & f) ^ (e & g) ^ (f & g));
        c += (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7)))
                + ((h & a) ^ (~h & b1)) + k[t + 5] + w[5];
        g += c;
        c += (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10)))
                + ((d & e) ^ (d & f) ^ (e & f));
        b1 += (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7)))
                + ((g & h) ^ (~g & a)) + k[t + 6] + w[6];
        f += b1;
        b1 += (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10)))
                + ((c & d) ^ (c & e) ^ (d & e));
        a += (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7)))
                + ((f & g) ^ (~f & h)) + k[t + 7] + w[7];
        e += a;
        a += (((b1 >>> 2) | (b1 << 30)) ^ ((b1 >>> 13) | (b1 << 19)) ^ ((b1 >>> 22) | (b1 << 10)))
                + ((b1 & c) ^ (b1 & d) ^ (c & d));
        h += (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7)))
                + ((e & f) ^ (~e & g)) + k[t + 8] + w[8];
        d += h;
        h += (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10)))
                + ((a & b1) ^ (a & c) ^ (b1 & c));
        g += (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7)))
                + ((d & e) ^ (~d & f)) + k[t + 9] + w[9];
        c += g;
        g += (((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10)))
                + ((h & a) ^ (h & b1) ^ (a & b1));
        f += (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7)))
                + ((c & d) ^ (~c & e)) + k[t + 10] + w[10];
        b1 += f;
        f += (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10)))
                + ((g & h) ^ (g & a) ^ (h & a));
        e += (((b1 >>> 6) | (b1 << 26)) ^ ((b1 >>> 11) | (b1 << 21)) ^ ((b1 >>> 25) | (b1 << 7)))
                + ((b1 & c) ^ (~b1 & d)) + k[t + 11] + w[11];
        a += e;
        e += (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10)))
                + ((f & g) ^ (f & h) ^ (g & h));
        d += (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7)))
                + ((a & b1) ^ (~a & c)) + k[t + 12] + w[12];
        h += d;
        d += (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10)))
                + ((e & f) ^ (e & g) ^ (f & g));
        c += (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7)))
                + ((h & a) ^ (~h & b1)) + k[t + 13] + w[13];
        g += c;
        c += (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10)))
                + ((d & e) ^ (d & f) ^ (e & f));
        b1 += (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7)))
                + ((g & h) ^ (~g & a)) + k[t + 14] + w[14];
        f += b1;
        b1 += (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10)))
                + ((c & d) ^ (c & e) ^ (d & e));
        a += (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7)))
                + ((f & g) ^ (~f & h)) + k[t + 15] + w[15];
        e += a;
        a += (((b1 >>> 2) | (b1 << 30)) ^ ((b1 >>> 13) | (b1 << 19)) ^ ((b1 >>> 22) | (b1 << 10)))
                + ((b1 & c) ^ (b1 & d) ^ (c & d));
        // the other 48 rounds: sixteen a turn over a ring of sixteen schedule words
        for (t = 16; t < 64; t += 16) {
            x = w[14];
            y = w[1];
            w[0] += (((x >>> 17) | (x << 15)) ^ ((x >>> 19) | (x << 13)) ^ (x >>> 10)) + w[9]
                    + (((y >>> 7) | (y << 25)) ^ ((y >>> 18) | (y << 14)) ^ (y >>> 3));
            h += (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7)))
                    + ((e & f) ^ (~e & g)) + k[t + 0] + w[0];
            d += h;
            h += (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10)))
                    + ((a & b1) ^ (a & c) ^ (b1 & c));
            x = w[15];
            y = w[2];
            w[1] += (((x >>> 17) | (x << 15)) ^ ((x >>> 19) | (x << 13)) ^ (x >>> 10)) + w[10]
                    + (((y >>> 7) | (y << 25)) ^ ((y >>> 18) | (y << 14)) ^ (y >>> 3));
            g += (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7)))
                    + ((d & e) ^ (~d & f)) + k[t + 1] + w[1];
            c += g;
            g += (((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10)))
                    + ((h & a) ^ (h & b1) ^ (a & b1));
            x = w[0];
            y = w[3];
            w[2] += (((x >>> 17) | (x << 15)) ^ ((x >>> 19) | (x << 13)) ^ (x >>> 10)) + w[11]
                    + (((y >>> 7) | (y << 25)) ^ ((y >>> 18) | (y << 14)) ^ (y >>> 3));
            f += (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7)))
                    + ((c & d) ^ (~c & e)) + k[t + 2] + w[2];
            b1 += f;
            f += (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10)))
                    + ((g & h) ^ (g & a) ^ (h & a));
            x = w[1];
            y = w[4];
            w[3] += (((x >>> 17) | (x << 15)) ^ ((x >>> 19) | (x << 13)) ^ (x >>> 10)) + w[12]
                    + (((y >>> 7) | (y << 25)) ^ ((y >>> 18) | (y << 14)) ^ (y >>> 3));
            e += (((b1 >>> 6) | (b1 << 26)) ^ ((b1 >>> 11) | (b1 << 21)) ^ ((b1 >>> 25) | (b1 << 7)))
                    + ((b1 & c) ^ (~b1 & d)) + k[t + 3] + w[3];
            a += e;
            e += (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10)))
                    + ((f & g) ^ (f & h) ^ (g & h));
            x = w[2];
            y = w[5];
            w[4] += (((x >>> 17) | (x << 15)) ^ ((x >>> 19) | (x << 13)) ^ (x >>> 10)) + w[13]
                    + (((y >>> 7) | (y << 25)) ^ ((y >>> 18) | (y << 14)) ^ (y >>> 3));
            d += (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7)))
                    + ((a & b1) ^ (~a & c)) + k[t + 4] + w[4];
            h += d;
            d += (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10)))
                    + ((e & f) ^ (e & g) ^ (f & g));
            x = w[3];
            y = w[6];
            w[5] += (((x >>> 17) | (x << 15)) ^ ((x >>> 19) | (x << 13)) ^ (x >>> 10)) + w[14]
                    + (((y >>> 7) | (y << 25)) ^ ((y >>> 18) | (y << 14)) ^ (y >>> 3));
            c += (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7)))
                    + ((h & a) ^ (~h & b1)) + k[t + 5] + w[5];
            g += c;
            c += (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10)))
                    + ((d & e) ^ (d & f) ^ (e & f));
            x = w[4];
            y = w[7];
            w[6] += (((x >>> 17) | (x << 15)) ^ ((x >>> 19) | (x << 13)) ^ (x >>> 10)) + w[15]
                    + (((y >>> 7) | (y << 25)) ^ ((y >>> 18) | (y << 14)) ^ (y >>> 3));
            b1 += (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7)))
                    + ((g & h) ^ (~g & a)) + k[t + 6] + w[6];
            f += b1;
            b1 += (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10)))
                    + ((c & d) ^ (c & e) ^ (d & e));
            x = w[5];
            y = w[8];
            w[7] += (((x >>> 17) | (x << 15)) ^ ((x >>> 19) | (x << 13)) ^ (x >>> 10)) + w[0]
                    + (((y >>> 7) | (y << 25)) ^ ((y >>> 18) | (y << 14)) ^ (y >>> 3));
            a += (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7)))
                    + ((f & g) ^ (~f & h)) + k[t + 7] + w[7];
            e += a;
            a += (((b1 >>> 2) | (b1 << 30)) ^ ((b1 >>> 13) | (b1 << 19)) ^ ((b1 >>> 22) | (b1 << 10)))
                    + ((b1 & c) ^ (b1 & d) ^ (c & d));
            x = w[6];
            y = w[9];
            w[8] += (((x >>> 17) | (x << 15)) ^ ((x >>> 19) | (x << 13)) ^ (x >>> 10)) + w[1]
                    + (((y >>> 7) | (y << 25)) ^ ((y >>> 18) | (y << 14)) ^ (y >>> 3));
            h += (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7)))
                    + ((e & f) ^ (~e & g)) + k[t + 8] + w[8];
            d += h;
            h += (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10)))
                    + ((a & b1) ^ (a & c) ^ (b1 & c));
            x = w[7];
            y = w[10];
            w[9] += (((x >>> 17) | (x << 15)) ^ ((x >>> 19) | (x << 13)) ^ (x >>> 10)) + w[2]
                    + (((y >>> 7) | (y << 25)) ^ ((y >>> 18) | (y << 14)) ^ (y >>> 3));
            g += (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7)))
                    + ((d & e) ^ (~d & f)) + k[t + 9] + w[9];
            c += g;
            g += (((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10)))
                    + ((h & a) ^ (h & b1) ^ (a & b1));
            x = w[8];
            y = w[11];
            w[10] += (((x >>> 17) | (x << 15)) ^ ((x >>> 19) | (x << 13)) ^ (x >>> 10)) + w[3]
                    + (((y >>> 7) | (y << 25)) ^ ((y >>> 18) | (y << 14)) ^ (y >>> 3));
            f += (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7)))
                    + ((c & d) ^ (~c & e)) + k[t + 10] + w[10];
            b1 += f;
            f += (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10)))
                    + ((g & h) ^ (g & a) ^ (h & a));
            x = w[9];
            y = w[12];
            w[11] += (((x >>> 17) | (x << 15)) ^ ((x >>> 19) | (x << 13)) ^ (x >>> 10)) + w[4]
                    + (((y >>> 7) | (y << 25)) ^ ((y >>> 18) | (y << 14)) ^ (y >>> 3));
            e += (((b1 >>> 6) | (b1 << 26)) ^ ((b1 >>> 11) | (b1 << 21)) ^ ((b1 >>> 25) | (b1 << 7)))
                    + ((b1 & c) ^ (~b1 & d)) + k[t + 11] + w[11];
            a += e;
            e += (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10)))
                    + ((f & g) ^ (f & h) ^ (g & h));
            x = w[10];
            y = w[13];
            w[12] += (((x >>> 17) | (x << 15)) ^ ((x >>> 19) | (x << 13)) ^ (x >>> 10)) + w[5]
                    + (((y >>> 7) | (y << 25)) ^ ((y >>> 18) | (y << 14)) ^ (y >>> 3));
            d += (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7)))
                    + ((a & b1) ^ (~a & c)) + k[t + 12] + w[12];
            h += d;
            d += (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10)))
                    + ((e & f) ^ (e & g) ^ (f & g));
            x = w[11];
            y = w[14];
            w[13] += (((x >>> 17) | (x << 15)) ^ ((x >>> 19) | (x << 13)) ^ (x >>> 10)) + w[6]
                    + (((y >>> 7) | (y << 25)) ^ ((y >>> 18) | (y << 14)) ^ (y >>> 3));
            c += (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7)))
                    + ((h & a) ^ (~h & b1)) + k[t + 13] + w[13];
            g += c;
            c += (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10)))
                    + ((d & e) ^ (d & f) ^ (e & f));
            x = w[12];
            y = w[15];
            w[14] += (((x >>> 17) | (x << 15)) ^ ((x >>> 19) | (x << 13)) ^ (x >>> 10)) + w[7]
                    + (((y >>> 7) | (y << 25)) ^ ((y >>> 18) | (y << 14)) ^ (y >>> 3));
            b1 += (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7)))
                    + ((g & h) ^ (~g & a)) + k[t + 14] + w[14];
            f += b1;
            b1 += (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10)))
                    + ((c & d) ^ (c & e) ^ (d & e));
            x = w[13];
            y = w[0];
            w[15] += (((x >>> 17) | (x << 15)) ^ ((x >>> 19) | (x << 13)) ^ (x >>> 10)) + w[8]
                    + (((y >>> 7) | (y << 25)) ^ ((y >>> 18) | (y << 14)) ^ (y >>> 3));
            a += (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7)))
                    + ((f & g) ^ (~f & h)) + k[t + 15] + w[15];
            e += a;
            a += (((b1 >>> 2) | (b1 << 30)) ^ ((b1 >>> 13) | (b1 << 19)) ^ ((b1 >>> 22) | (b1 << 10)))
                    + ((b1 & c) ^ (b1 & d) ^ (c & d));
        }
        s[0] += a;
        s[1] += b1;
        s[2] += c;
        s[3] += d;
        s[4] += e;
        s[5] += f;
        s[6] += g;
        s[7] += h;
    }
}
