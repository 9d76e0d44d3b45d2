package io.aos.ops.golden.report;

/**
 * Escaping for the HTML reports. Every string that comes from a trace, a path or a report is written through
 * {@link #text} or {@link #attr}; nothing from the data is ever written into a script or a style element. The output
 * is also well-formed XML (the reports are polyglot XHTML), so characters XML cannot carry (NUL and other controls,
 * lone surrogates, U+FFFE/U+FFFF) are shown as visible {@code \\uXXXX} escapes instead of being dropped silently.
 */
public final class Html {

    private Html() {
    }

    /** {@code s} escaped for element content ({@code null} becomes the empty string). */
    public static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String rep = replacement(s, i, c);
            if (rep == null) {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(n + 16).append(s, 0, i);
            }
            if (rep.isEmpty()) {
                // a valid surrogate pair: copy both halves
                sb.append(c).append(s.charAt(++i));
            } else {
                sb.append(rep);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** {@code s} escaped for a double- or single-quoted attribute value. */
    public static String attr(String s) {
        return text(s);
    }

    /**
     * A relative link to {@code path} (segments separated by {@code /}), percent-encoded so a name with a space,
     * {@code #}, {@code ?} or non-ASCII characters still points at its file, and escaped for an attribute.
     */
    public static String href(String path) {
        StringBuilder sb = new StringBuilder(path.length() + 8);
        for (byte c : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '/' || c == '.'
                    || c == '-' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c & 0xff));
            }
        }
        // "./" keeps a first segment with a colon from reading as a scheme
        return attr(sb.charAt(0) == '/' ? sb.toString() : "./" + sb);
    }

    /** null: keep the char; "": a valid surrogate pair starts here; else what to write instead. */
    private static String replacement(String s, int i, char c) {
        switch (c) {
            case '&':
                return "&amp;";
            case '<':
                return "&lt;";
            case '>':
                return "&gt;";
            case '"':
                return "&quot;";
            case '\'':
                return "&#39;";
            case '\t':
            case '\n':
                return null;
            default:
                break;
        }
        if (c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0xfffe || c == 0xffff) {
            return String.format("\\u%04x", (int) c);
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)) ? "" : "\uFFFD";
        }
        if (Character.isLowSurrogate(c)) {
            return "\uFFFD";
        }
        return null;
    }
}
