package io.aos.ops.golden.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * The shadow simulation's hashes (upstream-behaviour.md §1.1, §1.2): the step seed, the step hash and the workflow
 * hash. TEMPORARY seam: delegates to golden-formats' {@code GoldenHashes} once that lands; until then it renders the
 * JSON subset the stub skills produce (objects, arrays, strings, integers, booleans, null).
 */
final class SimulationHashes {

    private SimulationHashes() {
    }

    /** {@code int(sha256(f"{base}:{index}")[:16], 16)}: the first 64 bits of the digest, unsigned. */
    static BigInteger stepSeed(BigInteger base, int index) {
        byte[] d = sha256(base + ":" + index);
        byte[] first8 = new byte[9];
        System.arraycopy(d, 0, first8, 1, 8);
        return new BigInteger(first8);
    }

    /** {@code sha256(json.dumps(output, sort_keys=True))[:16]}, Python's default separators. */
    static String stepHash(JsonNode output) {
        StringBuilder sb = new StringBuilder();
        render(sb, output);
        return HexFormat.of().formatHex(sha256(sb.toString())).substring(0, 16);
    }

    /** {@code sha256(":".join(step_hashes))}, full hex. */
    static String workflowHash(List<String> stepHashes) {
        return HexFormat.of().formatHex(sha256(String.join(":", stepHashes)));
    }

    private static void render(StringBuilder sb, JsonNode v) {
        if (v.isObject()) {
            List<String> keys = new ArrayList<>();
            v.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            sb.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                string(sb, keys.get(i));
                sb.append(": ");
                render(sb, v.get(keys.get(i)));
            }
            sb.append('}');
        } else if (v.isArray()) {
            sb.append('[');
            Iterator<JsonNode> it = v.elements();
            for (int i = 0; it.hasNext(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                render(sb, it.next());
            }
            sb.append(']');
        } else if (v.isTextual()) {
            string(sb, v.textValue());
        } else if (v.isIntegralNumber()) {
            sb.append(v.bigIntegerValue());
        } else if (v.isBoolean()) {
            sb.append(v.booleanValue());
        } else if (v.isNull()) {
            sb.append("null");
        } else {
            throw new IllegalArgumentException("unsupported value in a step output until golden-formats lands: " + v);
        }
    }

    /** Appends {@code s} as Python {@code json.dumps} writes a string (ASCII-escaped). */
    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

}
