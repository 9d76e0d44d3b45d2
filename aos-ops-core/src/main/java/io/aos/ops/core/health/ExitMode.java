package io.aos.ops.core.health;

/**
 * The two exit-code conventions of the suite.
 *
 * <table>
 *   <caption>Exit codes</caption>
 *   <tr><th>outcome</th><th>DEFAULT</th><th>NAGIOS</th></tr>
 *   <tr><td>OK</td><td>0</td><td>0</td></tr>
 *   <tr><td>WARNING</td><td>0</td><td>1</td></tr>
 *   <tr><td>CRITICAL (the runbook's failure)</td><td>1</td><td>2</td></tr>
 *   <tr><td>UNKNOWN, usage error, unreadable input</td><td>2</td><td>3</td></tr>
 * </table>
 */
public enum ExitMode {
    DEFAULT,
    NAGIOS;

    /** Exit 0: all well. */
    public static final int OK = 0;
    /** Exit 1 (default convention): what the runbook calls a failure. */
    public static final int FAILURE = 1;
    /** Exit 2 (default convention): a usage error or input that cannot be read. */
    public static final int USAGE = 2;

    /** The exit code for a health result. */
    public int exitCode(HealthStatus status) {
        if (this == NAGIOS) {
            return status.nagiosCode();
        }
        return switch (status) {
            case OK, WARNING -> OK;
            case CRITICAL -> FAILURE;
            case UNKNOWN -> USAGE;
        };
    }

    /** The exit code for a usage error or unreadable input: 2, or 3 (UNKNOWN) under --nagios, never CRITICAL. */
    public int usageError() {
        return this == NAGIOS ? 3 : USAGE;
    }

    public static ExitMode of(boolean nagios) {
        return nagios ? NAGIOS : DEFAULT;
    }
}
