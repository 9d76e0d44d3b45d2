package io.aos.ops.cli;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadArchiveException;
import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.BadInputException;
import io.aos.ops.core.OperationFailedException;
import io.aos.ops.core.health.ExitMode;
import picocli.CommandLine.IExitCodeExceptionMapper;

/**
 * The one mapping from the library's exceptions to the command's exit codes. The library throws typed exceptions and
 * knows nothing of exit codes; this table decides them:
 *
 * <table>
 *   <caption>Exit code of an exception</caption>
 *   <tr><th>exception</th><th>default</th><th>--nagios</th></tr>
 *   <tr><td>{@link OperationFailedException} (and {@code BadArchiveException}): what the seed calls a failure</td>
 *       <td>1</td><td>2 (CRITICAL)</td></tr>
 *   <tr><td>{@link BadConfigurationException}, {@link BadInputException} (and its subclasses)</td>
 *       <td>2</td><td>3 (UNKNOWN)</td></tr>
 *   <tr><td>anything else (an internal error)</td><td>2</td><td>3 (UNKNOWN)</td></tr>
 * </table>
 *
 * <p>A usage error or unreadable input is never CRITICAL under {@code --nagios}, so a typo in a crontab line does not
 * page as an outage.
 */
final class ExceptionExitCodes implements IExitCodeExceptionMapper {

    private final ExitMode mode;

    ExceptionExitCodes(ExitMode mode) {
        this.mode = checkNotNull(mode, "mode");
    }

    @Override
    public int getExitCode(Throwable exception) {
        if (exception instanceof OperationFailedException) {
            return mode == ExitMode.NAGIOS ? 2 : ExitMode.FAILURE;
        }
        // BadConfigurationException, BadInputException, any other AosOpsException and internal errors alike
        return mode.usageError();
    }

    /** True if {@code exception} is the library's, whose message is a sentence for the operator. */
    static boolean isOperatorMessage(Throwable exception) {
        return exception instanceof AosOpsException;
    }
}
