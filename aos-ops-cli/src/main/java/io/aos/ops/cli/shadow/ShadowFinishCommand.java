package io.aos.ops.cli.shadow;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.aos.ops.cli.CommonOptions;
import io.aos.ops.cli.monitor.RunLocationOptions;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.core.process.ProcessTable;
import io.aos.ops.core.text.ControlCharacters;
import io.aos.ops.monitor.daemon.DaemonControl;
import io.aos.ops.monitor.finish.FinishReport;
import io.aos.ops.monitor.finish.FinishStep;
import io.aos.ops.monitor.finish.ShadowFinish;
import io.aos.ops.monitor.finish.StepOutcome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aos-ops shadow finish}: the runbook's "Post-Shadow Run" in one command that can be re-run. */
@Command(name = "finish",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Wrap up a finished shadow run: verify, stop the monitor, summary, archive, verdict.",
        description = {
            "The runbook's Post-Shadow Run, each step printed as it is done:",
            "  1. verify completion: the run's process is gone, status.json says completed/failed/stopped, and its "
                    + "log ends with 'Shadow simulation complete'. A run still going is refused (exit 2) unless "
                    + "--force.",
            "  2. stop the monitor daemon (only a process proven to be it is signalled; not running is fine; one "
                    + "that watches another run, its --run-dir or the newest run, is left running).",
            "  3. write the summary ('golden summary --json' of the run) to $AOS_REPORTS_DIR/m4-shadow-summary.json "
                    + "(default /root/reports), atomically; a file there that summarises another run is not "
                    + "replaced unless --force.",
            "  4. archive the run's golden/ and traces/ ('retention archive --days 0' on this run only), and read "
                    + "each archive back.",
            "  5. print the verdict, PASSED or FAILED, as the summary says.",
            "The summary comes before the archive because the archive removes the golden files it counts.",
            "Each step is recorded in <run>/finish.json. A step that fails stops the rest; fix the cause and run "
                    + "the same command again: done steps are checked, not redone. One finish of a run at a time: "
                    + "a second one while the first works is refused (its lock: $AOS_STATE_DIR/locks/shadow-finish-*.lock).",
            "",
            "Exit 0 finished and PASSED; 1 finished and FAILED, or a step failed (resume by re-running); 2 refused "
                    + "(run not complete, another run's summary in the way), no run found, or unreadable input: "
                    + "nothing was changed.",
        })
public final class ShadowFinishCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    RunLocationOptions run;

    @Option(names = "--summary-out", paramLabel = "FILE",
            description = "Where the summary goes (default: <reports dir>/m4-shadow-summary.json).")
    Path summaryOut;

    @Option(names = "--reports-dir", paramLabel = "DIR",
            description = "Reports directory (default: $AOS_REPORTS_DIR, else /root/reports).")
    Path reportsDir;

    @Option(names = "--archive-dir", paramLabel = "DIR",
            description = "Where the archives go (default: $ARCHIVE_DIR, else /root/archive/golden).")
    Path archiveDir;

    @Option(names = "--force",
            description = "Finish a run that has not completed (still running, or died without its completion "
                    + "line), and replace a summary file that belongs to another run.")
    boolean force;

    @Option(names = "--monitor-wait", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds the monitor gets after SIGTERM before SIGKILL (default: ${DEFAULT-VALUE}).")
    int monitorWait;

    @Option(names = "--json", description = "Print the outcome and every step as one JSON document (and no step "
            + "lines); the exit code is the same.")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        OpsConfig config = common.config().with(OpsSetting.REPORTS_DIR, reportsDir)
                .with(OpsSetting.ARCHIVE_DIR, archiveDir);
        Clock clock = Clock.systemDefaultZone();
        ShadowFinish finish = new ShadowFinish(config, DaemonControl.forConfig(config),
                new RetentionArchiving(config, clock), ProcessTable.system(), clock);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path summary = summaryOut != null ? summaryOut : ShadowFinish.defaultSummaryFile(config);
        FinishReport report = finish.finish(new ShadowFinish.Options(run.runDir(),
                run.log(), summary, force, Duration.ofSeconds(Math.max(0, monitorWait))),
                step -> {
                    if (!json) {
                        out.println(line(step));
                        out.flush();
                    }
                });
        if (json) {
            out.println(OpsJson.pretty().writeValueAsString(report.toJson()));
        }
        switch (report.outcome()) {
            case PASSED -> {
                if (!json) {
                    out.println("Shadow run " + shown(report.runDir()) + " finished: PASSED");
                }
            }
            case FAILED -> {
                if (!json) {
                    out.println("Shadow run " + shown(report.runDir()) + " finished: FAILED (see "
                            + report.summaryFile().map(ShadowFinishCommand::shown).orElse("the summary") + ")");
                }
            }
            case REFUSED -> err.println("aos-ops: shadow finish refused: nothing was changed");
            case INCOMPLETE -> {
                FinishStep failed = report.failedStep().orElseThrow();
                err.println("aos-ops: shadow finish stopped at step " + failed.number() + " (" + failed.title()
                        + "); the steps before it are done and recorded in " + shown(report.stateFile()) + ".");
                err.println("Fix the cause above, then run 'aos-ops shadow finish --run-dir " + shown(report.runDir())
                        + "' again: it resumes at step " + failed.number() + ".");
            }
            default -> throw new IllegalStateException(report.outcome().name());
        }
        out.flush();
        err.flush();
        return switch (report.outcome()) {
            case PASSED -> 0;
            case FAILED, INCOMPLETE -> 1;
            case REFUSED -> 2;
        };
    }

    /**
     * {@code [4/5] archive the goldens: done — ...}, one line: the detail quotes the run log's completion line and
     * names files, so its control characters are escapes ({@link ControlCharacters#oneLine}).
     */
    static String line(StepOutcome step) {
        String result = switch (step.result()) {
            case DONE -> "done";
            case ALREADY_DONE -> "already done";
            case REFUSED -> "REFUSED";
            case FAILED -> "FAILED";
        };
        return "[" + step.step().number() + "/" + FinishStep.values().length + "] " + step.step().title() + ": "
                + result + " — " + ControlCharacters.oneLine(step.detail());
    }

    private static String shown(Path file) {
        return ControlCharacters.oneLine(file.toString());
    }
}
