package io.aos.ops.core.emergency;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link EmergencyStopController#enable} or {@link EmergencyStopController#disable} did.
 *
 * @param changed   true when the state changed; false for an enable while engaged (the first record is kept) or a
 *                  disable while not engaged. Either way the action is in the audit log.
 * @param stop      for enable: the stop now in force (its first record); for disable: the stop that was released,
 *                  or the running state when there was none
 * @param audited   the line appended to the audit log
 * @param flagFile  the flag file
 * @param auditLog  the audit log
 * @param auditAppended true when {@code audited} was appended to the audit log and synced; false when it could not be
 *                  (then {@code problems} says why)
 * @param envFile   the environment file now saying {@code WORKFLOW_EMERGENCY_STOP=true|false}
 * @param problems  what could not be done after the state changed (the audit line or the env file could not be
 *                  written), one sentence each naming the file and saying that the stop IS engaged or released;
 *                  empty when everything was written
 *
 * <p>Immutable ({@code problems} is copied), so safe to share between threads.
 */
public record EmergencyStopChange(
        boolean changed, EmergencyStopStatus stop, AuditEntry audited, Path flagFile, Path auditLog, boolean auditAppended,
        Path envFile,
        List<String> problems) {

    /**
     * The outcome of one {@code enable} or {@code disable}; the components are the ones described above.
     *
     * @throws NullPointerException if {@code problems} is null or holds a null
     */
    public EmergencyStopChange {
        problems = List.copyOf(problems);
    }

    /**
     * Whether some file other than the flag file could not be written: the flag file already says what was asked, but
     * the audit log or the environment file does not.
     *
     * @return true when {@link #problems()} is not empty
     */
    public boolean incomplete() {
        return !problems.isEmpty();
    }
}
