package io.aos.ops.golden.json;

import java.util.Locale;

/** Python {@code str} operations whose results feed golden hashes. Stateless: thread-safe. */
public final class PyStr {

    private PyStr() {
    }

    /**
     * Python's {@code s.lower()}. ASCII keys (nearly all of them) take a fast path that returns {@code s} itself when
     * it has no upper-case letter; other text uses the locale-independent Unicode mapping, which agrees with Python's
     * full case mapping (including final sigma and U+0130).
     *
     * @param s any string
     * @return the lower-cased string ({@code s} itself when nothing changes)
     */
    public static String lower(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
                return s.toLowerCase(Locale.ROOT);
            }
        }
        return s;
    }
}
