package io.aos.ops.golden.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/** The elements of an in-memory JSON array. */
final class TreeSequence implements ElementSequence {

    private final JsonNode array;
    private final Set<String> volatileFields;
    private long[] hashes;

    TreeSequence(JsonNode array, Set<String> volatileFields) {
        this.array = array;
        this.volatileFields = volatileFields;
    }

    @Override
    public int size() {
        return array.size();
    }

    @Override
    public JsonNode node(int i) {
        return array.get(i);
    }

    @Override
    public String[] identityValues(int i, List<String> paths) {
        return identityValues(array.get(i), paths);
    }

    static String[] identityValues(JsonNode element, List<String> paths) {
        String[] values = new String[paths.size()];
        if (!element.isObject()) {
            return values;
        }
        for (int p = 0; p < values.length; p++) {
            JsonNode v = element;
            for (String segment : paths.get(p).split("\\.")) {
                v = v.path(segment);
            }
            if (!v.isMissingNode()) {
                values[p] = v.isValueNode() ? v.asText() : v.toString();
            }
        }
        return values;
    }

    @Override
    public long hash(int i) {
        if (hashes == null) {
            hashes = new long[array.size()];
            for (int k = 0; k < hashes.length; k++) {
                hashes[k] = NodeHash.of(array.get(k), volatileFields);
            }
        }
        return hashes[i];
    }
}
