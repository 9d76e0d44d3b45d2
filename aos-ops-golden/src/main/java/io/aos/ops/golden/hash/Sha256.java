package io.aos.ops.golden.hash;

import io.aos.ops.golden.json.PyJsonOutput;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests in the shapes upstream prints them: lowercase hex, whole or cut to 16 digits. */
final class Sha256 {

    private static final HexFormat HEX = HexFormat.of();

    /** One digest per thread: creating a MessageDigest costs more than hashing a small step. */
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);

    private Sha256() {
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    static byte[] digest(byte[] data) {
        MessageDigest md = DIGEST.get();
        md.reset();
        return md.digest(data);
    }

    static byte[] digest(PyJsonOutput out) {
        MessageDigest md = DIGEST.get();
        md.reset();
        out.updateDigest(md);
        return md.digest();
    }

    static String hex(byte[] data) {
        return HEX.formatHex(digest(data));
    }

    static String hex(String utf8) {
        return hex(utf8.getBytes(StandardCharsets.UTF_8));
    }

    static String hex16(PyJsonOutput out) {
        return HEX.formatHex(digest(out), 0, 8);
    }

    static String hex16(byte[] data) {
        return HEX.formatHex(digest(data), 0, 8);
    }
}
