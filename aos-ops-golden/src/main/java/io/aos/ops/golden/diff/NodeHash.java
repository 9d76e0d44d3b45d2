package io.aos.ops.golden.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A 64-bit content hash of a JSON value for sequence alignment: object key order does not matter, volatile keys are
 * left out (so two steps that differ only in a timestamp still align), and numbers hash by value (1 and 1.0 alike).
 * Equal hashes mean "align these", never "these are equal": the aligned pair is still compared field by field.
 */
final class NodeHash {

    private NodeHash() {
    }

    static long of(JsonNode node, Set<String> volatileFields) {
        switch (node.getNodeType()) {
            case OBJECT: {
                long h = 0x9E3779B97F4A7C15L;
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (FieldNames.isVolatile(e.getKey(), volatileFields)) {
                        continue;
                    }
                    // Sum of mixed entry hashes: independent of key order.
                    h += mix(e.getKey().hashCode() * 0x100000001B3L ^ of(e.getValue(), volatileFields));
                }
                return mix(h ^ 1);
            }
            case ARRAY: {
                long h = 0x632BE59BD9B4E019L;
                for (JsonNode e : node) {
                    h = mix(h * 31 + of(e, volatileFields));
                }
                return mix(h ^ 2);
            }
            case NUMBER: {
                if (node.isIntegralNumber()) {
                    return mix(node.bigIntegerValue().hashCode() ^ 3);
                }
                double d = node.doubleValue();
                if (d == Math.rint(d) && Math.abs(d) < 1e18) {
                    return mix(java.math.BigInteger.valueOf((long) d).hashCode() ^ 3);
                }
                return mix(Double.hashCode(d) ^ 4);
            }
            case STRING:
                return mix(node.textValue().hashCode() ^ 5L << 32);
            case BOOLEAN:
                return node.booleanValue() ? 6 : 7;
            case NULL:
                return 8;
            default:
                return mix(node.toString().hashCode() ^ 9L << 32);
        }
    }

    /** SplitMix64 finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
