package io.aos.ops.monitor.debug;

/** Byte counts the way {@code ls -h}/{@code du -h} print them, for the text form only (JSON keeps bytes). */
final class HumanBytes {

    private HumanBytes() {
    }

    static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        String units = "KMGTPE";
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length() - 1) {
            value /= 1024;
            unit++;
        }
        return (value < 10 ? String.format("%.1f", value) : String.format("%.0f", value)) + units.charAt(unit);
    }
}
