package io.aos.ops.cli;

import io.aos.ops.core.config.OpsConfig;

/**
 * Whether a command colours what it prints: only on a terminal, and never when {@code NO_COLOR} is set in the
 * command's environment (as {@link OpsConfig} sees it, so a test or a wrapper can set it). Every command asks here.
 */
public final class TerminalColour {

    private TerminalColour() {
    }

    /** True when stdout is a terminal and {@code NO_COLOR} is unset in {@code config}'s environment. */
    public static boolean enabled(OpsConfig config) {
        return enabled(System.console() != null, config);
    }

    static boolean enabled(boolean terminal, OpsConfig config) {
        return terminal && config.env("NO_COLOR").isEmpty();
    }
}
