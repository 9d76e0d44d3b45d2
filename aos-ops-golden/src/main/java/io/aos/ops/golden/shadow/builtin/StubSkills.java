package io.aos.ops.golden.shadow.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Upstream's deterministic stub skills, reproduced exactly so the step hashes match:
 * {@code compute_hash}, {@code transform_json}, {@code mock_io} and {@code llm_stub}.
 */
final class StubSkills {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StubSkills() {
    }

    /** {@code {"hash": sha256(f"{str(data)}:{seed}"), "seed": seed}}. */
    static JsonNode computeHash(JsonNode data, BigInteger seed) {
        ObjectNode out = NODES.objectNode();
        out.put("hash", hex(digest("SHA-256", PyRepr.str(data) + ":" + seed)));
        out.put("seed", seed);
        return out;
    }

    /** A dict gives sorted keys and count; a list gives its count; anything else counts 1. */
    static JsonNode transformJson(JsonNode input, BigInteger seed) {
        ObjectNode out = NODES.objectNode();
        if (input.isObject()) {
            List<String> keys = new ArrayList<>();
            input.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            ArrayNode array = out.putArray("keys");
            keys.forEach(array::add);
            out.put("count", keys.size());
        } else if (input.isArray()) {
            out.put("count", input.size());
        } else {
            out.put("count", 1);
        }
        out.put("seed", seed);
        return out;
    }

    /** {@code {"read_bytes": len(str(params)), "operation": "mock_read", "seed": seed}}. */
    static JsonNode mockIo(JsonNode params, BigInteger seed) {
        ObjectNode out = NODES.objectNode();
        // len() counts code points; Java's length() counts UTF-16 units.
        String s = PyRepr.str(params);
        out.put("read_bytes", s.codePointCount(0, s.length()));
        out.put("operation", "mock_read");
        out.put("seed", seed);
        return out;
    }

    /** {@code {"response": f"Response-{seed}-{md5(prompt)[:8]}", "seed": seed}}. */
    static JsonNode llmStub(JsonNode prompt, BigInteger seed) {
        ObjectNode out = NODES.objectNode();
        String md5 = hex(digest("MD5", PyRepr.str(prompt)));
        out.put("response", "Response-" + seed + "-" + md5.substring(0, 8));
        out.put("seed", seed);
        return out;
    }

    private static byte[] digest(String algorithm, String text) {
        try {
            return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every Java platform", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
