package io.aos.ops.golden.diff;

import io.aos.ops.golden.json.PyStr;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Key names as whole tokens, so that {@code status} never matches {@code ts} and {@code brand} never matches
 * {@code rand} (upstream's substring matching did both). {@code createdAt}, {@code created-at} and
 * {@code Created_At} all normalise to {@code created_at} with the tokens {@code [created, at]}.
 */
final class FieldNames {

    private static final Set<String> VOLATILE_TOKENS = Set.of("timestamp", "duration", "latency", "elapsed");
    private static final Set<String> HASH_TOKENS = Set.of(
            "hash", "hashes", "digest", "signature", "sig", "hmac", "checksum");
    private static final Set<String> SEED_TOKENS = Set.of("seed", "seeds");
    private static final Set<String> RANDOM_TOKENS = Set.of("random", "rand", "rng", "nonce", "jitter");

    private FieldNames() {
    }

    /**
     * Lower snake case: camelCase humps and {@code -}, {@code .} or spaces become {@code _}, then Python's
     * {@code lower()} of the whole (so a capital sigma lowers as it does in Python, by its neighbours).
     */
    static String normalise(String key) {
        StringBuilder sb = new StringBuilder(key.length() + 4);
        char prev = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && (Character.isLowerCase(prev) || Character.isDigit(prev))) {
                sb.append('_');
            }
            if (c == '-' || c == '.' || c == ' ') {
                sb.append('_');
            } else {
                sb.append(c);
            }
            prev = c;
        }
        return PyStr.lower(sb.toString());
    }

    static List<String> tokens(String key) {
        List<String> tokens = new ArrayList<>(4);
        for (String t : normalise(key).split("_")) {
            if (!t.isEmpty()) {
                tokens.add(t);
            }
        }
        return tokens;
    }

    static boolean isVolatile(String key, Set<String> volatileFields) {
        if (key == null) {
            return false;
        }
        // the key as upstream's diff lowered it, and its snake case form
        if (volatileFields.contains(PyStr.lower(key)) || volatileFields.contains(normalise(key))) {
            return true;
        }
        List<String> tokens = tokens(key);
        if (tokens.size() >= 2 && tokens.get(tokens.size() - 1).equals("at")) {
            return true;
        }
        return tokens.stream().anyMatch(VOLATILE_TOKENS::contains);
    }

    static boolean isHash(String key) {
        if (key == null) {
            return false;
        }
        List<String> tokens = tokens(key);
        return !tokens.isEmpty() && HASH_TOKENS.contains(tokens.get(tokens.size() - 1));
    }

    static boolean isSeed(String key) {
        return key != null && tokens(key).stream().anyMatch(SEED_TOKENS::contains);
    }

    static boolean isRandom(String key) {
        return key != null && tokens(key).stream().anyMatch(RANDOM_TOKENS::contains);
    }
}
