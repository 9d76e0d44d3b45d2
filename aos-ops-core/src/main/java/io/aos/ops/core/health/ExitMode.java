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
    /** The suite's own convention: 0 all well, 1 a failure, 2 a usage error or unreadable input. */
    DEFAULT,
    /** The Monitoring Plugins convention ({@code --nagios}): 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. */
    NAGIOS;

    /** Exit 0: all well. */
    public static final int OK = 0;
    /** Exit 1 (default convention): what the runbook calls a failure. */
    public static final int FAILURE = 1;
    /** Exit 2 (default convention): a usage error or input that cannot be read. */
    public static final int USAGE = 2;

    /**
     * The exit code for a health result under this convention.
     *
     * @param status the result
     * @return the exit code
     */
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

    /**
     * The exit code for a usage error or unreadable input: 2, or 3 (UNKNOWN) under {@code --nagios}, never CRITICAL.
     *
     * @return the exit code
     */
    public int usageError() {
        return this == NAGIOS ? 3 : USAGE;
    }

    /**
     * The convention a command's {@code --nagios} flag selects.
     *
     * @param nagios whether {@code --nagios} was given
     * @return {@link #NAGIOS} or {@link #DEFAULT}
     */
    public static ExitMode of(boolean nagios) {
        return nagios ? NAGIOS : DEFAULT;
    }
}
