package io.aos.ops.cli;

import io.aos.ops.core.text.ControlCharacters;

/**
 * The one status line a Nagios plugin prints when it cannot check at all (a usage error, a bad setting):
 * {@code SHADOW UNKNOWN - <error>}, {@code PREFLIGHT UNKNOWN - <error>} for preflight. Without it a plugin's stdout is
 * empty and Nagios shows "(null)" beside the UNKNOWN.
 */
public final class NagiosUnknown {

    private NagiosUnknown() {
    }

    /**
     * The line for {@code command}'s failure.
     *
     * @param command the command's name as typed ({@code cron-check}, {@code check}, {@code preflight}, ...)
     * @param error   what was wrong; a {@code |} would start the perfdata and a line break cut the line, so both are
     *                replaced, and any other control character is written as an escape
     *                ({@link ControlCharacters#oneLine})
     * @return the line
     */
    public static String line(String command, String error) {
        String plugin = "preflight".equals(command) ? "PREFLIGHT" : "SHADOW";
        return plugin + " UNKNOWN - "
                + ControlCharacters.oneLine(String.valueOf(error).replace('|', '/').replaceAll("[\\r\\n]+", " "));
    }
}
