package io.aos.ops.golden.json;

import java.util.Locale;

/**
 * Python {@code str} operations whose results feed golden hashes and key matching. Stateless: thread-safe.
 *
 * <p><b>Why not {@code toLowerCase(Locale.ROOT)}.</b> Both use the full lower-case mappings of the Unicode database
 * (so U+0130 becomes two code points in both), but they decide differently between final sigma (U+03C2) and sigma
 * (U+03C3) for a capital sigma (U+03A3): CPython ({@code handle_capital_sigma} in {@code Objects/unicodeobject.c})
 * writes final sigma when the nearest character before it that is not case-ignorable is cased, and the nearest one
 * after it that is not case-ignorable is not cased (or there is none); Java applies its own rule. So
 * {@code "a_Σ"} and {@code "a1Σ"} lower to {@code σ} in Python and to {@code ς} in Java, and
 * {@code "ΟΔΟΣ_ΑΡΙΘΜΟΣ"} to {@code "οδος_αριθμος"} in Python and {@code "οδοσ_αριθμος"} in Java.
 *
 * <p><b>Unicode versions.</b> The properties come from {@link Character}, as CPython derives them from the Unicode
 * database: cased is {@code Lowercase} (Ll plus Other_Lowercase), {@code Uppercase} (Lu plus Other_Uppercase) or Lt;
 * case-ignorable is Mn, Me, Cf, Lm, Sk or Word_Break MidLetter, MidNumLet or Single_Quote (a fixed list here: the
 * JDK has no Word_Break). JDK 17 knows Unicode 13 and CPython 3.11 Unicode 14, so the case pairs, cased letters and
 * case-ignorable marks Unicode 14 added (and U+1734, which Unicode 14 made a spacing mark) are patched in below.
 * Characters assigned after Unicode 14 follow the running JDK, which matches CPython built on the same Unicode
 * version (3.12 and 3.13: Unicode 15 and 15.1) rather than 3.11.
 */
public final class PyStr {

    private static final char CAPITAL_SIGMA = '\u03a3';
    private static final char SMALL_SIGMA = '\u03c3';
    private static final char FINAL_SIGMA = '\u03c2';

    /** Word_Break MidLetter, MidNumLet and Single_Quote (Unicode 14), all case-ignorable. */
    private static final String WORD_BREAK_MID = "'.:\u00b7\u0387\u055f\u05f4\u2018\u2019\u2024\u2027\ufe13\ufe52"
            + "\ufe55\uff07\uff0e\uff1a";

    /** Case-ignorable code points Unicode 14 added (Mn, Lm, Sk, Cf), as inclusive ranges. */
    private static final int[] CASE_IGNORABLE_SINCE_14 = {
        0x0888, 0x0888, 0x0890, 0x0891, 0x0898, 0x089F, 0x08C9, 0x08D2, 0x0C3C, 0x0C3C, 0x180F, 0x180F,
        0x1AC1, 0x1ACE, 0x1DFA, 0x1DFA, 0xA7F2, 0xA7F4, 0xFBC2, 0xFBC2, 0x10780, 0x10785, 0x10787, 0x107B0,
        0x107B2, 0x107BA, 0x10F82, 0x10F85, 0x11070, 0x11070, 0x11073, 0x11074, 0x110C2, 0x110C2,
        0x1AFF0, 0x1AFF3, 0x1AFF5, 0x1AFFB, 0x1AFFD, 0x1AFFE, 0x1CF00, 0x1CF2D, 0x1CF30, 0x1CF46,
        0x1E2AE, 0x1E2AE,
    };

    /** Cased letters Unicode 14 added, as inclusive ranges. */
    private static final int[] CASED_SINCE_14 = {
        0x2C2F, 0x2C2F, 0x2C5F, 0x2C5F, 0xA7C0, 0xA7C1, 0xA7D0, 0xA7D1, 0xA7D3, 0xA7D3, 0xA7D5, 0xA7D9,
        0x10570, 0x1057A, 0x1057C, 0x1058A, 0x1058C, 0x10592, 0x10594, 0x10595, 0x10597, 0x105A1,
        0x105A3, 0x105B1, 0x105B3, 0x105B9, 0x105BB, 0x105BC, 0x1DF00, 0x1DF09, 0x1DF0B, 0x1DF1E,
    };

    /** Upper-case letters Unicode 14 added, as {first, last, offset to the lower case}. */
    private static final int[] LOWER_SINCE_14 = {
        0x2C2F, 0x2C2F, 0x30, 0xA7C0, 0xA7C0, 1, 0xA7D0, 0xA7D0, 1, 0xA7D6, 0xA7D6, 1, 0xA7D8, 0xA7D8, 1,
        0x10570, 0x1057A, 0x27, 0x1057C, 0x1058A, 0x27, 0x1058C, 0x10592, 0x27, 0x10594, 0x10595, 0x27,
    };

    private PyStr() {
    }

    /**
     * Python's {@code s.lower()}. ASCII strings (nearly all keys) take a fast path that returns {@code s} itself when
     * it has no upper-case letter; other text without a capital sigma (or a letter newer than the JDK's Unicode, see
     * the class comment) takes {@code toLowerCase(Locale.ROOT)}, which agrees with CPython there; only the rest is
     * lowered here code point by code point.
     *
     * @param s any string
     * @return the lower-cased string ({@code s} itself when it is ASCII and nothing changes)
     */
    public static String lower(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
                return needsOwnLowering(s, i) ? lowerByCodePoint(s) : s.toLowerCase(Locale.ROOT);
            }
        }
        return s;
    }

    /** Whether {@code s} from {@code from} on holds a char that {@code toLowerCase(Locale.ROOT)} lowers otherwise. */
    private static boolean needsOwnLowering(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            // U+10570..U+10595 (Vithkuqi) are the surrogate pairs D801 DD70..DD95
            if (c == CAPITAL_SIGMA || c == 0x2C2F || (c >= 0xA7C0 && c <= 0xA7D8) || c == 0xD801) {
                return true;
            }
        }
        return false;
    }

    private static String lowerByCodePoint(String s) {
        StringBuilder lowered = new StringBuilder(s.length() + 2);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (cp == CAPITAL_SIGMA) {
                lowered.append(isFinalSigma(s, i) ? FINAL_SIGMA : SMALL_SIGMA);
            } else if (cp == 0x130) {
                lowered.append("i\u0307"); // SpecialCasing.txt's unconditional full mapping
            } else {
                lowered.appendCodePoint(lowerCodePoint(cp));
            }
            i += Character.charCount(cp);
        }
        return lowered.toString();
    }

    /** CPython's Final_Sigma test for the capital sigma at {@code at}. */
    private static boolean isFinalSigma(String s, int at) {
        int j = at;
        int before = -1;
        while (j > 0) {
            int cp = s.codePointBefore(j);
            j -= Character.charCount(cp);
            if (!isCaseIgnorable(cp)) {
                before = cp;
                break;
            }
        }
        if (before < 0 || !isCased(before)) {
            return false;
        }
        for (j = at + 1; j < s.length(); ) {
            int cp = s.codePointAt(j);
            if (!isCaseIgnorable(cp)) {
                return !isCased(cp);
            }
            j += Character.charCount(cp);
        }
        return true;
    }

    private static int lowerCodePoint(int cp) {
        for (int k = 0; k < LOWER_SINCE_14.length; k += 3) {
            if (cp >= LOWER_SINCE_14[k] && cp <= LOWER_SINCE_14[k + 1]) {
                return cp + LOWER_SINCE_14[k + 2];
            }
        }
        return Character.toLowerCase(cp);
    }

    /** Unicode's {@code Cased}, as CPython's {@code _PyUnicode_IsCased}. */
    static boolean isCased(int cp) {
        return Character.isLowerCase(cp) || Character.isUpperCase(cp) || Character.isTitleCase(cp)
                || inRanges(cp, CASED_SINCE_14);
    }

    /** Unicode's {@code Case_Ignorable}, as CPython's {@code _PyUnicode_IsCaseIgnorable}. */
    static boolean isCaseIgnorable(int cp) {
        if (cp == 0x1734) {
            return false; // Mn in Unicode 13, Mc since 14
        }
        switch (Character.getType(cp)) {
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.FORMAT, Character.MODIFIER_LETTER,
                    Character.MODIFIER_SYMBOL -> {
                return true;
            }
            default -> {
                return cp < 0x10000 && WORD_BREAK_MID.indexOf(cp) >= 0 || inRanges(cp, CASE_IGNORABLE_SINCE_14);
            }
        }
    }

    private static boolean inRanges(int cp, int[] ranges) {
        for (int k = 0; k < ranges.length; k += 2) {
            if (cp >= ranges[k] && cp <= ranges[k + 1]) {
                return true;
            }
        }
        return false;
    }
}
