package io.aos.ops.golden.hash;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.golden.json.GoldenJson;
import io.aos.ops.golden.json.PyJson;
import io.aos.ops.golden.json.PyJsonOutput;
import io.aos.ops.golden.json.PyStr;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's {@code canonicalize_for_golden} rules, rendered straight to Python's compact sorted JSON:
 * <ol>
 *   <li>volatile keys are dropped at every nesting level (the key is lowercased before the lookup);</li>
 *   <li>keys are lowercased; when two keys lowercase alike, the one that sorts first in its original spelling wins;</li>
 *   <li>keys whose value is null are dropped (nulls inside arrays stay);</li>
 *   <li>floats are rounded half-even to {@code floatPrecision} places on their binary value, as Python's
 *       {@code round(x, 6)};</li>
 *   <li>binary values become {@code "[BYTES:<16 hex of sha256>]"};</li>
 *   <li>with redaction on, the value of a sensitive key (password, token, {@code *_key}, ...) becomes
 *       {@code "[REDACTED]"};</li>
 *   <li>the result is written with sorted keys, {@code ","}/{@code ":"} separators and ASCII escaping.</li>
 * </ol>
 *
 * <p><b>Two rule sets, on purpose.</b> {@link #outputHashRules()} is exactly what the engine uses for
 * {@code output_hash} (its own volatile list plus {@code duration_ms}/{@code latency_ms}, no redaction), so the hash
 * matches upstream bit for bit; do not feed it the suite's wider set. {@link #forComparison()} uses
 * {@link VolatileFields#defaults()} (which adds {@code run_id} and the other upstream lists) for replay comparison,
 * where matching upstream's hash is not the point and false mismatches are.
 *
 * <p>The canonical form is produced in one pass over a token stream, without building a tree: keys that arrive
 * sorted and lower-case (everything the Python writers produce) are written in place, and an object is reordered
 * only when its keys arrive out of order or collide.
 *
 * <p>Immutable and thread-safe (its key cache is per thread); the {@link Builder} is not thread-safe.
 */
public final class GoldenCanonicalizer {

    /** Upstream {@code SENSITIVE_FIELDS}: exact lowercased key names. */
    private static final Set<String> SENSITIVE_NAMES = Set.of("password", "api_key", "apikey", "api_secret", "secret",
            "token", "access_token", "refresh_token", "authorization", "auth_token", "credential", "credentials",
            "private_key", "ssn", "social_security", "credit_card", "card_number", "cvv", "pin");

    /** Upstream {@code SENSITIVE_PATTERNS}: lowercased key suffixes. */
    private static final List<String> SENSITIVE_SUFFIXES =
            List.of("_key", "_token", "_secret", "_password", "_credential");

    static final String REDACTED = "[REDACTED]";

    private static final GoldenCanonicalizer OUTPUT_HASH = builder()
            .volatileFields(VolatileFields.engineCanonicalize().with("duration_ms", "latency_ms"))
            .redactSensitive(false)
            .build();

    private static final GoldenCanonicalizer ENGINE_DEFAULT = builder()
            .volatileFields(VolatileFields.engineCanonicalize())
            .redactSensitive(true)
            .build();

    private static final GoldenCanonicalizer COMPARISON = builder()
            .volatileFields(VolatileFields.defaults())
            .redactSensitive(true)
            .build();

    private final VolatileFields volatileFields;
    private final boolean redactSensitive;
    private final int floatPrecision;

    /** What these rules decide about one key. Keys repeat on every step of a trace, so decisions are cached. */
    private record KeyRule(String lowered, boolean lowercasedChanged, boolean drop, boolean redact, byte[] bytes) {
    }

    private static final int KEY_CACHE_LIMIT = 4096;
    /** Per thread and per rule set, keyed by the key as written; cleared when it grows past the limit. */
    private final ThreadLocal<Map<String, KeyRule>> keyRules = ThreadLocal.withInitial(HashMap::new);

    private GoldenCanonicalizer(Builder builder) {
        this.volatileFields = builder.volatileFields;
        this.redactSensitive = builder.redactSensitive;
        this.floatPrecision = builder.floatPrecision;
    }

    /**
     * The engine's {@code output_hash} rules, exactly: engine volatile list, no redaction, 6 places.
     *
     * @return the canonicalizer
     */
    public static GoldenCanonicalizer outputHashRules() {
        return OUTPUT_HASH;
    }

    /**
     * The engine's {@code canonical_hash()}/{@code canonical_json()} defaults: engine volatile list, redaction on.
     *
     * @return the canonicalizer
     */
    public static GoldenCanonicalizer engineDefaults() {
        return ENGINE_DEFAULT;
    }

    /**
     * The suite's replay-comparison rules: {@link VolatileFields#defaults()}, redaction on.
     *
     * @return the canonicalizer
     */
    public static GoldenCanonicalizer forComparison() {
        return COMPARISON;
    }

    /**
     * A builder starting from the engine's {@code canonicalize_for_golden} defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the fields dropped from objects} */
    public VolatileFields volatileFields() {
        return volatileFields;
    }

    /** {@return whether values of sensitive keys (secrets, tokens, passwords) are replaced by a marker} */
    public boolean redactSensitive() {
        return redactSensitive;
    }

    /** {@return the decimal places floats are rounded to} */
    public int floatPrecision() {
        return floatPrecision;
    }

    /**
     * The canonical form as ASCII bytes.
     *
     * @param value any JSON value
     * @return the canonical form
     */
    public byte[] canonicalBytes(JsonNode value) {
        PyJsonOutput out = new PyJsonOutput();
        write(value, out);
        return out.toByteArray();
    }

    /**
     * The canonical form as text.
     *
     * @param value any JSON value
     * @return the canonical form
     */
    public String canonicalJson(JsonNode value) {
        return new String(canonicalBytes(value), StandardCharsets.US_ASCII);
    }

    /**
     * The canonical form as a tree (lowercased keys in order, rounded floats, dropped keys gone).
     *
     * @param value any JSON value; not changed
     * @return a new tree
     */
    public JsonNode canonicalize(JsonNode value) {
        return GoldenJson.readTree(canonicalBytes(value));
    }

    /**
     * First 16 hex digits of the SHA-256 of the canonical form: upstream's {@code canonical_hash} shape.
     *
     * @param value any JSON value
     * @return 16 lowercase hex digits
     */
    public String hash16(JsonNode value) {
        PyJsonOutput out = new PyJsonOutput();
        write(value, out);
        return Sha256.hex16(out);
    }

    /**
     * Appends the canonical form of {@code value} to {@code out}.
     *
     * @param value any JSON value
     * @param out   where to append
     */
    public void write(JsonNode value, PyJsonOutput out) {
        checkNotNull(value, "value");
        try (JsonParser parser = value.traverse()) {
            write(parser, parser.nextToken(), out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot traverse an in-memory JSON tree", e);
        }
    }

    /**
     * Appends the canonical form of the value starting at {@code token} (the parser's current token) and leaves the
     * parser on the value's last token. The streaming entry point: hashers call it on the {@code output} field of a
     * step line while reading the line.
     *
     * @param parser the parser, positioned on {@code token}
     * @param token  the value's first token
     * @param out    where to append
     * @throws IOException if the parser fails to read the value
     */
    public void write(JsonParser parser, JsonToken token, PyJsonOutput out) throws IOException {
        writeValue(parser, token, out, keyRules.get());
    }

    private KeyRule rule(Map<String, KeyRule> rules, String original) {
        KeyRule rule = rules.get(original);
        if (rule == null) {
            String lowered = PyStr.lower(original);
            PyJsonOutput bytes = new PyJsonOutput(lowered.length() + 8);
            bytes.writeString(lowered);
            bytes.writeByte(':');
            rule = new KeyRule(lowered, !lowered.equals(original), volatileFields.containsLowercased(lowered),
                    redactSensitive && isSensitive(lowered), bytes.toByteArray());
            if (rules.size() >= KEY_CACHE_LIMIT) {
                rules.clear();
            }
            rules.put(original, rule);
        }
        return rule;
    }

    private void writeValue(JsonParser p, JsonToken token, PyJsonOutput out, Map<String, KeyRule> rules)
            throws IOException {
        switch (token) {
            case START_OBJECT -> writeObject(p, out, rules);
            case START_ARRAY -> writeArray(p, out, rules);
            case VALUE_STRING -> out.writeString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            case VALUE_NUMBER_INT -> writeInteger(p, out);
            case VALUE_NUMBER_FLOAT -> out.writeRoundedDouble(floatValue(p), floatPrecision);
            case VALUE_TRUE -> out.writeBoolean(true);
            case VALUE_FALSE -> out.writeBoolean(false);
            case VALUE_NULL -> out.writeNull();
            case VALUE_EMBEDDED_OBJECT -> writeEmbedded(p.getEmbeddedObject(), out);
            default -> throw new IllegalStateException("unexpected JSON token " + token);
        }
    }

    /** A JSON integer is already Python's rendering, except {@code -0}, which Python reads as 0. */
    private static void writeInteger(JsonParser p, PyJsonOutput out) throws IOException {
        if (p.hasTextCharacters()) {
            char[] chars = p.getTextCharacters();
            int offset = p.getTextOffset();
            int length = p.getTextLength();
            if (length == 2 && chars[offset] == '-' && chars[offset + 1] == '0') {
                out.writeByte('0');
            } else {
                out.writeAscii(chars, offset, length);
            }
        } else {
            out.writeIntegerText(p.getText());
        }
    }

    private static double floatValue(JsonParser p) throws IOException {
        if (p.getNumberType() == JsonParser.NumberType.BIG_DECIMAL) {
            return Double.parseDouble(p.getDecimalValue().toString());
        }
        return p.getDoubleValue();
    }

    private static void writeEmbedded(Object value, PyJsonOutput out) {
        if (value instanceof byte[] bytes) {
            out.writeString("[BYTES:" + Sha256.hex(bytes).substring(0, 16) + "]");
        } else {
            out.writeString(String.valueOf(value));
        }
    }

    private void writeArray(JsonParser p, PyJsonOutput out, Map<String, KeyRule> rules) throws IOException {
        out.writeByte('[');
        boolean first = true;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (!first) {
                out.writeByte(',');
            }
            writeValue(p, t, out, rules);
            first = false;
        }
        out.writeByte(']');
    }

    /** One written member of an object: its keys and where its {@code "key":value} bytes are. */
    private record Member(String key, String originalKey, int start, int end) {
        boolean erased() {
            return start == ERASED;
        }
    }

    /** The position of a member whose repeated key was set to null later in the same object. */
    private static final int ERASED = -1;

    private static boolean repeats(List<Member> members, String originalKey) {
        for (Member m : members) {
            if (m.originalKey().equals(originalKey)) {
                return true;
            }
        }
        return false;
    }

    private void writeObject(JsonParser p, PyJsonOutput out, Map<String, KeyRule> rules) throws IOException {
        out.writeByte('{');
        int bodyStart = out.length();
        List<Member> members = null;
        String previous = null;
        boolean inOrder = true;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String original = p.currentName();
            JsonToken valueToken = p.nextToken();
            KeyRule rule = rule(rules, original);
            if (valueToken == JsonToken.VALUE_NULL || rule.drop()) {
                p.skipChildren();
                if (!rule.drop() && members != null && (!inOrder
                        || PyJson.CODE_POINT_ORDER.compare(rule.lowered(), previous) <= 0)
                        && repeats(members, original)) {
                    // json.loads keeps the last of a repeated key, so this null erases the value written earlier.
                    members.add(new Member(rule.lowered(), original, ERASED, ERASED));
                    inOrder = false;
                }
                continue;
            }
            String key = rule.lowered();
            if (previous != null) {
                out.writeByte(',');
                if (inOrder && (rule.lowercasedChanged() || PyJson.CODE_POINT_ORDER.compare(key, previous) <= 0)) {
                    // A lowercased key may collide with a later one; an out-of-order one needs sorting.
                    inOrder = false;
                }
            } else if (rule.lowercasedChanged()) {
                inOrder = false;
            }
            int start = out.length();
            out.writeBytes(rule.bytes(), 0, rule.bytes().length);
            if (rule.redact()) {
                p.skipChildren();
                out.writeString(REDACTED);
            } else {
                writeValue(p, valueToken, out, rules);
            }
            if (members == null) {
                members = new ArrayList<>();
            }
            members.add(new Member(key, original, start, out.length()));
            previous = key;
        }
        if (t != JsonToken.END_OBJECT) {
            throw new IllegalStateException("unexpected JSON token " + t + " in an object");
        }
        if (!inOrder) {
            reorder(out, bodyStart, members);
        }
        out.writeByte('}');
    }

    /**
     * Python's order of events for an object whose keys did not arrive sorted and lower-case: a repeated key keeps
     * its last value (dict semantics; a last value of null erases the key), the keys are visited in code point order
     * of their original spelling, the first of several that lowercase alike wins, and the output is sorted by the
     * lowercased key.
     */
    private static void reorder(PyJsonOutput out, int bodyStart, List<Member> members) {
        Map<String, Member> lastByOriginal = new HashMap<>();
        for (Member m : members) {
            lastByOriginal.put(m.originalKey(), m);
        }
        List<Member> byOriginal = new ArrayList<>(lastByOriginal.size());
        for (Member m : lastByOriginal.values()) {
            if (!m.erased()) {
                // a null is dropped before the collision check, so an erased key never takes a lowercase slot
                byOriginal.add(m);
            }
        }
        byOriginal.sort(Comparator.comparing(Member::originalKey, PyJson.CODE_POINT_ORDER));
        Map<String, Member> winners = new HashMap<>();
        for (Member m : byOriginal) {
            winners.putIfAbsent(m.key(), m);
        }
        List<Member> sorted = new ArrayList<>(winners.values());
        sorted.sort(Comparator.comparing(Member::key, PyJson.CODE_POINT_ORDER));
        byte[] body = Arrays.copyOfRange(out.array(), bodyStart, out.length());
        out.setLength(bodyStart);
        boolean first = true;
        for (Member m : sorted) {
            if (!first) {
                out.writeByte(',');
            }
            out.writeBytes(body, m.start() - bodyStart, m.end() - m.start());
            first = false;
        }
    }

    /** Upstream {@code _is_sensitive_key} on an already lowercased key. */
    static boolean isSensitive(String lowercasedKey) {
        if (SENSITIVE_NAMES.contains(lowercasedKey)) {
            return true;
        }
        for (String suffix : SENSITIVE_SUFFIXES) {
            if (lowercasedKey.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /** Builds a canonicalizer; defaults are the engine's {@code canonicalize_for_golden} defaults. */
    public static final class Builder {
        private VolatileFields volatileFields = VolatileFields.engineCanonicalize();
        private boolean redactSensitive = true;
        private int floatPrecision = 6;

        private Builder() {
        }

        /**
         * The fields to drop from objects (default: the engine's list).
         *
         * @param fields the set
         * @return this builder
         */
        public Builder volatileFields(VolatileFields fields) {
            this.volatileFields = checkNotNull(fields, "volatile fields");
            return this;
        }

        /**
         * Whether to replace values of sensitive keys by a marker (default: on).
         *
         * @param redact on or off
         * @return this builder
         */
        public Builder redactSensitive(boolean redact) {
            this.redactSensitive = redact;
            return this;
        }

        /**
         * The decimal places floats are rounded to (default: 6).
         *
         * @param places 0 to 17
         * @return this builder
         * @throws IllegalArgumentException if {@code places} is outside 0..17
         */
        public Builder floatPrecision(int places) {
            checkArgument(places >= 0 && places <= 17, "float precision must be 0..17 places, got %s", places);
            this.floatPrecision = places;
            return this;
        }

        /** {@return a canonicalizer with these rules} */
        public GoldenCanonicalizer build() {
            return new GoldenCanonicalizer(this);
        }
    }
}
