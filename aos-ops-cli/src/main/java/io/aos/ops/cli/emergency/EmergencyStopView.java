package io.aos.ops.cli.emergency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.cli.TerminalColour;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.emergency.AuditEntry;
import io.aos.ops.core.emergency.EmergencyStop;
import io.aos.ops.core.emergency.EmergencyStopController;
import io.aos.ops.core.emergency.EmergencyStopChange;
import io.aos.ops.core.emergency.EmergencyStopStatus;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.core.text.ControlCharacters;
import io.aos.ops.golden.shadow.ShadowRunOptions;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;

/** How the emergency stop is shown to an operator: the upstream lines, plus who, when, why and how engines see it. */
final class EmergencyStopView {

    private static final String RED = "\u001b[1;31m";
    private static final String GREEN = "\u001b[1;32m";
    private static final String YELLOW = "\u001b[1;33m";
    private static final String RESET = "\u001b[0m";

    /**
     * When engines see a change: the library trusts one look at the flag file for
     * {@link EmergencyStop#DEFAULT_RECHECK_INTERVAL}, and a paused shadow run looks again every
     * {@link ShadowRunOptions#DEFAULT_PAUSE_POLL_INTERVAL}.
     */
    static final String HALT = "Running engines that check the emergency stop see it within "
            + interval(EmergencyStop.DEFAULT_RECHECK_INTERVAL) + " and halt before their next step; "
            + "no restart is needed.";
    static final String RESUME = "Running engines see the release within "
            + interval(EmergencyStop.DEFAULT_RECHECK_INTERVAL) + " (a paused 'aos-ops shadow run' looks again every "
            + interval(ShadowRunOptions.DEFAULT_PAUSE_POLL_INTERVAL) + ")";

    /** {@code 250 ms}, {@code 1 s}, {@code 1.5 s}. */
    static String interval(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms"
                : BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    private final PrintWriter out;
    private final boolean colour;

    EmergencyStopView(PrintWriter out, OpsConfig config) {
        this.out = out;
        this.colour = TerminalColour.enabled(config);
    }

    /** Exit code of {@code status}: 0 RUNNING, 1 STOPPED, 2 UNKNOWN. */
    static int exitCode(EmergencyStopStatus status) {
        return switch (status.state()) {
            case "RUNNING" -> 0;
            case "STOPPED" -> 1;
            default -> 2;
        };
    }

    void status(EmergencyStopController stop, EmergencyStopStatus status, List<AuditEntry> audit, String auditProblem) {
        out.println("Workflow Emergency Stop Status");
        out.println("==============================");
        switch (status.source()) {
            case NONE -> {
                out.println("Status: " + paint(GREEN, "RUNNING"));
                out.println("No stop file present (" + stop.flagFile() + ")");
                out.println("Checked: " + stop.flagFile() + " (--stop-file or AOS_EMERGENCY_STOP_FILE to check "
                        + "another)");
            }
            case FLAG_FILE -> {
                out.println("Status: " + paint(RED, "STOPPED"));
                out.println("Stop file: " + stop.flagFile());
                printStop(status);
                if (stop.engagedByEnvironment()) {
                    out.println("Also: " + EmergencyStop.ENV_VAR + "=" + shown(stop.environmentValue())
                            + " is set in this shell's environment; anything started from it stays stopped after "
                            + "disable until you unset it.");
                }
            }
            case ENVIRONMENT -> {
                out.println("Status: " + paint(RED, "STOPPED") + " (by this shell's environment)");
                out.println("Source: " + EmergencyStop.ENV_VAR + "=" + shown(stop.environmentValue())
                        + " is set in the environment of this command (any value but empty, 0, false or no stops); "
                        + "no stop file present (" + stop.flagFile() + ")");
                out.println("Engines started from this shell are stopped; running engines are not affected. "
                        + "To clear it: unset " + EmergencyStop.ENV_VAR);
            }
            case UNREADABLE -> {
                out.println("Status: " + paint(YELLOW, "UNKNOWN") + " (engines treat this as STOPPED: fail closed)");
                out.println("Stop file: " + stop.flagFile());
                out.println("Problem: " + shown(status.detail()));
            }
        }
        out.println("Environment file: " + stop.envFile());
        stop.envFileDisagreement().ifPresent(problem -> out.println(paint(YELLOW, "Warning: ") + shown(problem)));
        out.println();
        if (auditProblem != null) {
            out.println("Audit log: " + shown(auditProblem));
        } else if (audit.isEmpty()) {
            out.println("Audit log: no entries yet (" + stop.auditLogFile() + ")");
        } else {
            out.println("Recent audit entries (" + stop.auditLogFile() + "):");
            for (AuditEntry entry : audit) {
                out.println("    " + shown(entry.describe()));
            }
        }
    }

    private void printStop(EmergencyStopStatus status) {
        if (status.who() != null) {
            out.println("Stopped by: " + who(status) + (status.host() == null ? "" : " on " + shown(status.host())));
        }
        if (status.since() != null) {
            out.println("Since: " + status.since().truncatedTo(ChronoUnit.SECONDS)
                    + (status.stoppedFor() == null ? "" : " (" + age(status.stoppedFor()) + ")"));
        }
        out.println("Reason: " + (status.reason() == null ? "(none given)" : shown(status.reason())));
        if (status.detail() != null) {
            out.println("Note: " + shown(status.detail()));
        }
    }

    void enabled(EmergencyStopChange change) {
        out.println(paint(RED, "[EMERGENCY]") + " Disabling workflow execution");
        if (change.changed()) {
            out.println("Stop file created: " + change.flagFile());
        } else {
            out.println("Already stopped; the first record is kept and this repeat is audited.");
            out.println("Stop file: " + change.flagFile());
            printStop(change.stop());
        }
        out.println("Environment: " + EmergencyStop.ENV_VAR + "=true (written to " + change.envFile() + ")");
        out.println("Audit: " + shown(change.audited().describe()));
        out.println(change.auditAppended() ? "       appended to " + change.auditLog() + " and synced to disk"
                : "       NOT appended to " + change.auditLog() + " (see the WARNING below)");
        out.println(HALT);
        out.println("Services started from now on read " + EmergencyStop.ENV_VAR + "=true from " + change.envFile()
                + " (systemd EnvironmentFile=, docker --env-file).");
    }

    /** {@code shellValue}: the stopping value of WORKFLOW_EMERGENCY_STOP in this shell, or null. */
    void disabled(EmergencyStopChange change, String shellValue) {
        out.println(paint(GREEN, "[RECOVERY]") + " Re-enabling workflow execution");
        if (change.changed()) {
            EmergencyStopStatus released = change.stop();
            StringBuilder was = new StringBuilder();
            if (released.stoppedFor() != null) {
                was.append(released.stoppedFor().isNegative() ? age(released.stoppedFor())
                        : "stopped for " + duration(released.stoppedFor()));
            }
            if (released.who() != null) {
                was.append(was.length() == 0 ? "" : " ").append("by ").append(who(released));
            }
            if (released.reason() != null) {
                was.append(was.length() == 0 ? "" : ", ").append("reason: ").append(shown(released.reason()));
            }
            out.println("Stop file removed: " + change.flagFile() + (was.length() == 0 ? "" : " (" + was + ")"));
        } else {
            out.println("No stop file present (" + change.flagFile() + "); nothing to release.");
        }
        out.println("Environment: " + EmergencyStop.ENV_VAR + "=false (written to " + change.envFile() + ")");
        out.println("Audit: " + shown(change.audited().describe()));
        out.println(change.auditAppended() ? "       appended to " + change.auditLog() + "; the audit log is kept"
                : "       NOT appended to " + change.auditLog() + " (see the WARNING below)");
        out.println(RESUME + "; services started from now on read " + EmergencyStop.ENV_VAR + "=false.");
        if (shellValue != null) {
            out.println("Warning: " + EmergencyStop.ENV_VAR + "=" + shown(shellValue) + " is still set in this shell: "
                    + "anything started from it stays stopped. Run: unset " + EmergencyStop.ENV_VAR);
        }
    }

    /**
     * Prints what enable or disable did: JSON with {@code --json}, else {@code text}'s lines; then each problem as a
     * {@code WARNING:} line on stderr. Returns the exit code: 0 when everything was written, 1 when the stop was
     * changed but the audit line or env file could not be written (the warning says the stop IS engaged/released).
     */
    static int printChange(CommandSpec spec, OpsConfig config, boolean json, String action,
            EmergencyStopChange change, Consumer<EmergencyStopView> text) {
        PrintWriter out = spec.commandLine().getOut();
        EmergencyStopView view = new EmergencyStopView(out, config);
        if (json) {
            view.json(changeJson(action, change));
        } else {
            text.accept(view);
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        for (String problem : change.problems()) {
            err.println("WARNING: " + shown(problem));
        }
        err.flush();
        return change.incomplete() ? 1 : 0;
    }

    void json(Object value) {
        try {
            out.println(OpsJson.pretty().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode statusJson(EmergencyStopController stop, EmergencyStopStatus status, List<AuditEntry> audit,
            String auditProblem) {
        ObjectNode json = OpsJson.mapper().valueToTree(status);
        json.put("audit_log", stop.auditLogFile().toString());
        json.put("env_file", stop.envFile().toString());
        if (auditProblem != null) {
            json.put("audit_error", auditProblem);
        }
        stop.envFileDisagreement().ifPresent(problem -> json.put("env_file_disagreement", problem));
        json.set("recent_audit", OpsJson.mapper().valueToTree(audit));
        return json;
    }

    static ObjectNode changeJson(String action, EmergencyStopChange change) {
        ObjectNode json = OpsJson.mapper().createObjectNode();
        json.put("action", action);
        json.put("changed", change.changed());
        json.set("stop", OpsJson.mapper().valueToTree(change.stop()));
        json.set("audited", OpsJson.mapper().valueToTree(change.audited()));
        json.put("flag_file", change.flagFile().toString());
        json.put("audit_log", change.auditLog().toString());
        json.put("audit_appended", change.auditAppended());
        json.put("env_file", change.envFile().toString());
        json.set("problems", OpsJson.mapper().valueToTree(change.problems()));
        return json;
    }

    /** The recent audit entries, or the problem reading them; a broken audit log must not hide the state. */
    static List<AuditEntry> recentAudit(EmergencyStopController stop, int count, String[] problem) {
        try {
            return stop.recentAudit(Math.max(0, count));
        } catch (AosOpsException e) {
            problem[0] = e.getMessage();
            return List.of();
        }
    }

    private static String who(EmergencyStopStatus status) {
        return shown(status.sudoUser() == null || status.sudoUser().equals(status.who())
                ? status.who()
                : status.who() + " (via sudo from " + status.sudoUser() + ")");
    }

    /**
     * Text from the stop file, the audit log or the environment, on one line with its control characters escaped
     * ({@link ControlCharacters#oneLine}): a reason or name there cannot act on the terminal or forge a line.
     */
    private static String shown(String text) {
        return ControlCharacters.oneLine(String.valueOf(text));
    }

    /**
     * How long ago a stop was engaged, {@code 12m 05s ago}; a record dated later than this host's clock (a host whose
     * clock is ahead, a hand-edited record) is {@code dated 5m 00s in the future}, not {@code 0s ago}.
     */
    static String age(Duration stoppedFor) {
        return stoppedFor.isNegative() ? "dated " + duration(stoppedFor.negated()) + " in the future"
                : duration(stoppedFor) + " ago";
    }

    /** {@code 45s}, {@code 12m 05s}, {@code 3h 02m 01s}, {@code 2d 03h 04m}. */
    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm %02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format("%dh %02dm %02ds", s / 3600, s % 3600 / 60, s % 60);
        }
        return String.format("%dd %02dh %02dm", s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
    }

    private String paint(String ansi, String text) {
        return colour ? ansi + text + RESET : text;
    }
}
