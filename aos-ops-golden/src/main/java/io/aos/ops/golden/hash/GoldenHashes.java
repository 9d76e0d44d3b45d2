package io.aos.ops.golden.hash;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.golden.json.PyJson;
import io.aos.ops.golden.json.PyJsonOutput;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Every hash the upstream golden tools compute, bit for bit:
 * <ul>
 *   <li>{@link #stepSeed}: {@code int(sha256(f"{base}:{index}")[:16], 16)}, an unsigned 64-bit value;</li>
 *   <li>{@link #outputHash}: the engine's per-step hash (format A) over {@code canonicalize_for_golden};</li>
 *   <li>{@link #specHash}: the engine's {@code run_start.spec_hash} over the raw spec dict;</li>
 *   <li>{@link #simulationStepHash} / {@link #workflowHash}: the shadow simulation's hashes (format B);</li>
 *   <li>{@link #sign} / {@link #verifySignature}: the HMAC-SHA256 {@code .sig} sidecar of a format A file.</li>
 * </ul>
 * Stable API for services and the other golden packages. Stateless: thread-safe.
 */
public final class GoldenHashes {

    private static final HexFormat HEX = HexFormat.of();

    private GoldenHashes() {
    }

    /**
     * The engine's per-step seed for a base seed (any size, decimal) and a 0-based step index.
     *
     * @param baseSeed  the run's base seed
     * @param stepIndex the 0-based step index
     * @return the step's seed, 0 to 2<sup>64</sup>-1
     * @throws NullPointerException if {@code baseSeed} is null
     */
    public static BigInteger stepSeed(BigInteger baseSeed, int stepIndex) {
        checkNotNull(baseSeed, "base seed");
        return unsigned(stepSeedBits(baseSeed.toString(), stepIndex));
    }

    /**
     * {@link #stepSeed(BigInteger, int)} for a base seed that fits a {@code long}.
     *
     * @param baseSeed  the run's base seed
     * @param stepIndex the 0-based step index
     * @return the step's seed, 0 to 2<sup>64</sup>-1
     */
    public static BigInteger stepSeed(long baseSeed, int stepIndex) {
        return unsigned(stepSeedBits(Long.toString(baseSeed), stepIndex));
    }

    private static BigInteger unsigned(long bits) {
        BigInteger value = BigInteger.valueOf(bits & Long.MAX_VALUE);
        return bits < 0 ? value.setBit(63) : value;
    }

    /**
     * The step seed's 64 bits as a Java {@code long} (read it with {@link Long#toUnsignedString}); no allocation
     * beyond the digest input, for callers deriving many seeds.
     *
     * @param decimalBaseSeed the base seed in decimal, as the engine formats it
     * @param stepIndex       the 0-based step index
     * @return the seed's 64 bits
     */
    public static long stepSeedBits(String decimalBaseSeed, int stepIndex) {
        checkArgument(stepIndex >= 0, "step index must be >= 0, got %s", stepIndex);
        byte[] digest = Sha256.digest((decimalBaseSeed + ":" + stepIndex).getBytes(StandardCharsets.UTF_8));
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (digest[i] & 0xff);
        }
        return bits;
    }

    /**
     * The engine's {@code output_hash} of a step result ({@code StepResult.to_dict()}): 16 hex digits of the SHA-256
     * of its canonical form under {@link GoldenCanonicalizer#outputHashRules()}.
     *
     * @param stepResult the step result dictionary
     * @return 16 lowercase hex digits
     */
    public static String outputHash(JsonNode stepResult) {
        return GoldenCanonicalizer.outputHashRules().hash16(stepResult);
    }

    /**
     * Upstream {@code canonical_hash(obj)}: the engine's default canonicalisation with redaction, 16 hex digits.
     *
     * @param value any JSON value
     * @return 16 lowercase hex digits
     */
    public static String canonicalHash(JsonNode value) {
        return GoldenCanonicalizer.engineDefaults().hash16(value);
    }

    /**
     * The engine's {@code spec_hash}: 16 hex digits of the SHA-256 of the spec dict in the line serialisation (sorted
     * keys, compact, nulls kept, keys as written).
     *
     * @param specDict the spec dictionary ({@code WorkflowSpec.to_dict()})
     * @return 16 lowercase hex digits
     */
    public static String specHash(JsonNode specDict) {
        return sha256Hex16(specDict, PyJson.Style.COMPACT);
    }

    /**
     * The simulation's {@code step_hash} of one skill result: 16 hex digits of the SHA-256 of
     * {@code json.dumps(result, sort_keys=True)} with the default {@code ", "}/{@code ": "} separators.
     *
     * @param stepResult the skill's result
     * @return 16 lowercase hex digits
     */
    public static String simulationStepHash(JsonNode stepResult) {
        return sha256Hex16(stepResult, PyJson.Style.DEFAULT);
    }

    /**
     * A {@code step_hashes} entry of a simulation golden: {@code "<skill>:<step hash>"}.
     *
     * @param skill      the skill's name
     * @param stepResult the skill's result
     * @return the entry
     */
    public static String simulationStepEntry(String skill, JsonNode stepResult) {
        checkNotNull(skill, "skill");
        return skill + ":" + simulationStepHash(stepResult);
    }

    /**
     * The simulation's {@code workflow_hash}: full SHA-256 hex of the step hash entries joined with {@code ":"}.
     *
     * @param stepHashes the {@code step_hashes} entries in step order
     * @return 64 lowercase hex digits
     */
    public static String workflowHash(List<String> stepHashes) {
        checkNotNull(stepHashes, "step hashes");
        return Sha256.hex(String.join(":", stepHashes));
    }

    /**
     * SHA-256 hex of arbitrary bytes, for callers that hash files or lines.
     *
     * @param data the bytes
     * @return 64 lowercase hex digits
     */
    public static String sha256Hex(byte[] data) {
        return Sha256.hex(data);
    }

    private static String sha256Hex16(JsonNode value, PyJson.Style style) {
        checkNotNull(value, "value");
        PyJsonOutput out = new PyJsonOutput();
        PyJson.write(value, style, out);
        return Sha256.hex16(out);
    }

    // ---- .sig signatures ---------------------------------------------------------------------------------------

    /**
     * The {@code .sig} content for a format A file: HMAC-SHA256 of the file's raw bytes keyed with the UTF-8
     * secret, as 64 lowercase hex digits (no newline). An empty secret is allowed, as upstream allows it.
     *
     * @param secret      the {@code GOLDEN_SECRET} bytes
     * @param fileContent the file's bytes
     * @return 64 lowercase hex digits
     */
    public static String sign(byte[] secret, byte[] fileContent) {
        return HEX.formatHex(hmac(secret).doFinal(fileContent));
    }

    /**
     * {@link #sign(byte[], byte[])} with the secret as text, encoded in UTF-8.
     *
     * @param secret      the {@code GOLDEN_SECRET} value
     * @param fileContent the file's bytes
     * @return 64 lowercase hex digits
     */
    public static String sign(String secret, byte[] fileContent) {
        return sign(secret.getBytes(StandardCharsets.UTF_8), fileContent);
    }

    /**
     * A fresh HMAC-SHA256 keyed with {@code secret}, for signing a file streamed in chunks.
     *
     * @param secret the key; empty is allowed
     * @return a MAC only the caller uses (a {@link Mac} is not thread-safe)
     */
    public static Mac hmac(byte[] secret) {
        checkNotNull(secret, "secret");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // SecretKeySpec refuses an empty key, HMAC does not: an empty key is zero-padded to the block size,
            // exactly what one zero byte gives.
            mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    /**
     * Whether {@code sigFileText} (the {@code .sig} content; surrounding whitespace ignored, as upstream strips it)
     * is the signature of {@code fileContent}. Compared in constant time.
     *
     * @param secret      the {@code GOLDEN_SECRET} bytes
     * @param fileContent the file's bytes
     * @param sigFileText the {@code .sig} file's text; null means no signature
     * @return whether it matches
     */
    public static boolean verifySignature(byte[] secret, byte[] fileContent, String sigFileText) {
        return signatureMatches(sign(secret, fileContent), sigFileText);
    }

    /**
     * Constant-time comparison of a computed hex signature with the text of a {@code .sig} file.
     *
     * @param computedHex the signature computed from the file
     * @param sigFileText the {@code .sig} file's text; null means no signature
     * @return whether they match
     */
    public static boolean signatureMatches(String computedHex, String sigFileText) {
        checkNotNull(computedHex, "computed signature");
        if (sigFileText == null) {
            return false;
        }
        byte[] expected = computedHex.getBytes(StandardCharsets.US_ASCII);
        byte[] actual = sigFileText.strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, actual);
    }
}
