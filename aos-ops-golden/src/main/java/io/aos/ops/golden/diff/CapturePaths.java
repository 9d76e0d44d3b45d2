package io.aos.ops.golden.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * The values the line tiers ({@link ByteLockstep}, {@link TokenLockstep}) capture from every event line, and how an
 * identity key is built from them: first the {@link TracePosition#PATHS} that place an event, then each component
 * of each identity key not already among them. Both tiers build their captures, key texts and identity checks from
 * here, so they agree with each other and with {@link Alignment} on what an event's identity is.
 */
final class CapturePaths {

    private final List<String> paths;
    private final String[][] split;
    private final List<List<String>> keyComponents;
    /** Per identity key, the indices of its components in {@link #paths}. */
    private final int[][] specs;

    private CapturePaths(DiffOptions options) {
        List<String> all = new ArrayList<>(TracePosition.PATHS);
        keyComponents = new ArrayList<>();
        for (String spec : options.identityKeys()) {
            List<String> components = List.of(spec.split("\\+"));
            keyComponents.add(components);
            for (String component : components) {
                if (!all.contains(component)) {
                    all.add(component);
                }
            }
        }
        paths = List.copyOf(all);
        split = new String[paths.size()][];
        for (int p = 0; p < split.length; p++) {
            split[p] = paths.get(p).split("\\.");
        }
        specs = new int[keyComponents.size()][];
        for (int s = 0; s < specs.length; s++) {
            List<String> components = keyComponents.get(s);
            specs[s] = new int[components.size()];
            for (int c = 0; c < specs[s].length; c++) {
                specs[s][c] = paths.indexOf(components.get(c));
            }
        }
    }

    static CapturePaths of(DiffOptions options) {
        return new CapturePaths(options);
    }

    /** The dot paths, in capture order. */
    List<String> paths() {
        return paths;
    }

    /** Each path split into its keys, as {@link JsonLineScanner} and {@link TokenComparator} take them. */
    String[][] split() {
        return split;
    }

    /** How many identity keys there are ({@link DiffOptions#identityKeys()}, in order). */
    int keyCount() {
        return specs.length;
    }

    /** The capture indices of identity key {@code s}'s components. */
    int[] spec(int s) {
        return specs[s];
    }

    /** The key text of one capture: each component or NUL, each followed by U+0001. */
    static String keyText(String[] capture, int[] spec) {
        StringBuilder sb = new StringBuilder();
        for (int c : spec) {
            sb.append(capture[c] == null ? "\u0000" : capture[c]).append('\u0001');
        }
        return sb.toString();
    }

    /** Whether any component of the key is present in the capture. */
    static boolean present(String[] capture, int[] spec) {
        for (int c : spec) {
            if (capture[c] != null) {
                return true;
            }
        }
        return false;
    }
}
