package io.aos.ops.core.text;

/**
 * Text read from files (log lines, names, messages) made safe to show: control characters (C0, DEL, C1) are written
 * as visible escapes ({@code \n}, {@code \r}, {@code \t}, else {@code \xNN}), so a log line cannot set a terminal's
 * title, move its cursor, ring its bell or overwrite what is shown with a bare carriage return, and a name with a
 * newline cannot add a line that looks like the tool's own. Every other character, non-ASCII text included, stays as
 * it is; a backslash is not escaped. A string without anything to escape is returned as it is (no copy).
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /**
     * {@code text} on one line: every control character escaped, newline and tab included (log files).
     *
     * @param text the text
     * @return it without control characters
     */
    public static String oneLine(String text) {
        return escape(text, false);
    }

    /**
     * {@code text} safe for a terminal: every control character escaped except tab and newline, which lay text out
     * and cannot act on the terminal. For lines and reports printed to an operator.
     *
     * @param text the text
     * @return it with no control character other than tab and newline
     */
    public static String forTerminal(String text) {
        return escape(text, true);
    }

    /**
     * Whether {@code c} is a control character: C0 ({@code U+0000..U+001F}), DEL or C1 ({@code U+0080..U+009F}).
     *
     * @param c a character
     * @return true if it is one
     */
    public static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }

    private static boolean escaped(char c, boolean keepLayout) {
        return isControl(c) && !(keepLayout && (c == '\t' || c == '\n'));
    }

    private static String escape(String text, boolean keepLayout) {
        int i = 0;
        while (i < text.length() && !escaped(text.charAt(i), keepLayout)) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!escaped(c, keepLayout)) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else {
                out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            }
        }
        return out.toString();
    }
}
