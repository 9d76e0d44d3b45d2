package io.aos.ops.retention.archive;

/**
 * Which member names may be extracted: relative, {@code /}-separated, without empty, {@code .} or {@code ..}
 * components, backslashes or control characters. Anything else could land outside the destination.
 */
public final class MemberName {

    private MemberName() {
    }

    /** Why {@code name} is unsafe, or null when it is safe. */
    public static String problemWith(String name) {
        if (name == null || name.isEmpty()) {
            return "empty member name";
        }
        if (name.startsWith("/")) {
            return "absolute member name '" + name + "'";
        }
        if (name.indexOf('\\') >= 0) {
            return "member name with a backslash '" + name + "'";
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < 0x20 || name.charAt(i) == 0x7f) {
                return "member name with a control character";
            }
        }
        for (String part : name.split("/", -1)) {
            if (part.equals("..")) {
                return "member name escapes the destination '" + name + "'";
            }
            if (part.isEmpty() || part.equals(".")) {
                return "member name with an empty or '.' component '" + name + "'";
            }
        }
        return null;
    }
}
