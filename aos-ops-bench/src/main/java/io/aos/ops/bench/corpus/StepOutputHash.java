package io.aos.ops.bench.corpus;

import io.aos.ops.golden.json.PyStr;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The engine's {@code output_hash} of a step output, as upstream's recorder has it: volatile keys dropped at any level,
 * keys lowercased as Python lowercases them (first in original order wins), null values omitted, decimals rounded
 * to six places, then the first 16 hex characters of the SHA-256 of the compact sorted JSON. Covers the value kinds
 * {@link CorpusJson} writes, which is all a generated corpus contains; the suite's full implementation lives in
 * {@code aos-ops-golden}.
 */
final class StepOutputHash {

    private static final Set<String> VOLATILE = Set.of("timestamp", "ts", "created_at", "updated_at", "started_at",
            "ended_at", "duration_ms", "latency_ms", "request_id", "trace_id", "span_id", "correlation_id");

    private StepOutputHash() {
    }

    static String of(Map<String, ?> stepOutput) {
        return Digests.sha256Hex(CorpusJson.compactSorted(canonical(stepOutput))).substring(0, 16);
    }

    static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new TreeMap<>();
            for (Object k : new TreeMap<>(map).keySet()) {
                String key = PyStr.lower((String) k);
                Object v = map.get(k);
                if (v == null || VOLATILE.contains(key) || result.containsKey(key)) {
                    continue;
                }
                result.put(key, canonical(v));
            }
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>(list.size());
            for (Object v : list) {
                result.add(canonical(v));
            }
            return result;
        }
        if (value instanceof BigDecimal d) {
            return d.setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
        }
        return value;
    }
}
