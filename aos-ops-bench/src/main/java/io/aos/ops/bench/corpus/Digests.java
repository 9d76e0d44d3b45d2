package io.aos.ops.bench.corpus;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The digests the upstream formats use, as lowercase hex, and the engine's per-step seed derivation. */
final class Digests {

    private Digests() {
    }

    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(digest("SHA-256", text));
    }

    static String md5Hex(String text) {
        return HexFormat.of().formatHex(digest("MD5", text));
    }

    /** {@code int(sha256_hex(f"{base}:{index}")[:16], 16)}: an unsigned 64-bit value, often above Long.MAX_VALUE. */
    static BigInteger stepSeed(long baseSeed, int index) {
        return new BigInteger(sha256Hex(baseSeed + ":" + index).substring(0, 16), 16);
    }

    private static byte[] digest(String algorithm, String text) {
        try {
            return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by every Java platform", e);
        }
    }
}
