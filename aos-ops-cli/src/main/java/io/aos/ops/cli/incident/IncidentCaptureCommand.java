package io.aos.ops.cli.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.aos.ops.cli.CommonOptions;
import io.aos.ops.cli.monitor.RunLocationOptions;
import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.monitor.incident.IncidentBundle;
import io.aos.ops.monitor.incident.IncidentCapture;
import io.aos.ops.retention.archive.DirectoryArchiver;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aos-ops incident capture}: {@link IncidentCapture} writes the bundle, retention's {@link DirectoryArchiver}
 * packs and verifies its archive; this class only wires them and prints what each step did.
 */
@Command(name = "capture",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Stop workflows, capture the evidence of an incident, analyse it and archive it, verified.",
        description = {
            "The runbook's Incident Response in one command:",
            "  1. engage the emergency stop (unless --no-stop), the reason in its audit log;",
            "  2. capture into $AOS_REPORTS_DIR/m4-incident-<YYYYmmdd_HHMMSS>/ (default /root/reports;",
            "     --out DIR names the bundle directory itself): shadow logs, monitor log, alerts, cron",
            "     alerts, retention log, emergency-stop audit, status.json, the cycle reports with",
            "     mismatches, both traces and the golden file of each mismatch, processes of the run",
            "     with their kernel state and stack, df, memory, load, and the sanity verdict;",
            "  3. analyse: analysis.txt (golden summary), diffs/ (a classified golden diff of each",
            "     mismatch, root cause first) and INCIDENT.md (first mismatch, root causes, affected",
            "     workflows, the stop, next steps of docs/runbooks/incident.md);",
            "  4. MANIFEST.sha256 (sha256sum -c reads it) and <bundle>.tar.gz beside the bundle, read",
            "     back and verified (aos-ops retention verify reads it too).",
            "Sources are only read, never changed; one that cannot be read is listed with the reason.",
            "Exit 0 bundle and archive verified; 1 the archive failed (the bundle stays) or the stop",
            "could not be engaged; 2 the reports directory cannot be written (nothing is done then)."
        })
public final class IncidentCaptureCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--no-stop", description = "Do not engage the emergency stop (its state is still recorded).")
    boolean noStop;

    @Option(names = "--reason", paramLabel = "TEXT",
            description = "Why, for the emergency stop's audit log (e.g. 'P0 mismatch, INC-42').")
    String reason;

    @Option(names = "--out", paramLabel = "DIR",
            description = "The bundle directory itself (must not exist, or be empty), instead of "
                    + "$AOS_REPORTS_DIR/m4-incident-<YYYYmmdd_HHMMSS>.")
    Path out;

    @Option(names = "--reports-dir", paramLabel = "DIR",
            description = "Where bundles go (default: $AOS_REPORTS_DIR, else /root/reports).")
    Path reportsDir;

    @Mixin
    RunLocationOptions run;

    @Option(names = "--max-mismatches", paramLabel = "N", defaultValue = "100",
            description = "Mismatches captured with their traces and a diff (default: ${DEFAULT-VALUE}; the first "
                    + "of each root cause always).")
    int maxMismatches;

    @Option(names = "--max-file-mb", paramLabel = "MB", defaultValue = "1024",
            description = "Largest single file copied, in MiB (default: ${DEFAULT-VALUE}); larger ones are listed.")
    long maxFileMb;

    @Option(names = "--prometheus-url", paramLabel = "URL",
            description = "Prometheus server for the sanity check (default: $PROMETHEUS_URL, else "
                    + "http://localhost:9090).")
    String prometheusUrl;

    @Option(names = "--json", description = "Print what was captured as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (maxMismatches < 1) {
            throw new BadConfigurationException("--max-mismatches must be at least 1, not " + maxMismatches);
        }
        if (maxFileMb < 1) {
            throw new BadConfigurationException("--max-file-mb must be at least 1, not " + maxFileMb);
        }
        OpsConfig config = common.config().with(OpsSetting.REPORTS_DIR, reportsDir)
                .with(OpsSetting.PROMETHEUS_URL, prometheusUrl);
        IncidentCapture.Options options = new IncidentCapture.Options(run.runDir(),
                run.log(), Optional.ofNullable(out), !noStop, reason, maxMismatches,
                maxFileMb << 20, Duration.ofSeconds(3));
        IncidentBundle bundle = IncidentCapture.create(config, options, Clock.systemDefaultZone()).capture();

        Path archive = IncidentCapture.archiveOf(bundle.directory());
        DirectoryArchiver.Result archived = null;
        String archiveProblem = null;
        try {
            archived = DirectoryArchiver.archive(bundle.directory(), archive, bundle.digests());
        } catch (IOException e) {
            archiveProblem = e.getMessage();
        }
        boolean stopFailed = "FAILED".equals(bundle.stop().action());
        if (json) {
            print(bundle, archived, archiveProblem);
        } else {
            render(bundle, archived, archiveProblem);
        }
        return archiveProblem != null || stopFailed ? 1 : 0;
    }

    private void render(IncidentBundle b, DirectoryArchiver.Result archived, String archiveProblem) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Emergency stop: " + switch (b.stop().action()) {
            case "ENGAGED" -> "ENGAGED by this capture";
            case "ALREADY_ENGAGED" -> "already engaged (kept; this capture is in the audit log)";
            case "LEFT_AS_IS" -> (b.stop().engaged() ? "STOPPED" : "RUNNING") + ", left as it was (--no-stop)";
            default -> "FAILED to engage: " + b.stop().problem();
        });
        out.println("Run:            " + b.runDir().map(Path::toString).orElse("none found (nothing matches the "
                + "shadow-run glob; give --run-dir)"));
        out.println("Captured:       " + b.digests().size() + " files, " + b.bytes() + " bytes, into "
                + b.directory());
        for (IncidentBundle.Unreadable u : b.unreadable()) {
            out.println("  NOT CAPTURED: " + u.source() + ": " + u.reason());
        }
        if (b.firstMismatch().isPresent()) {
            IncidentBundle.Mismatch m = b.firstMismatch().get();
            out.println("First mismatch: cycle " + m.cycle() + ", run " + m.originalRunId() + " replayed as "
                    + m.replayRunId() + ": " + m.rootCause()
                    + (m.firstDivergingStep() == null ? "" : " at step " + m.firstDivergingStep()));
            StringBuilder causes = new StringBuilder();
            b.rootCauses().forEach(r -> causes.append(causes.length() == 0 ? "" : ", ").append(r.rootCause())
                    .append(" (").append(r.severity()).append(") ").append(r.count()));
            out.println("Root causes:    " + causes + " of " + b.mismatches() + " mismatches");
        } else {
            out.println("Mismatches:     none recorded");
        }
        out.println("Sanity:         " + b.sanityVerdict());
        out.println("Manifest:       " + b.manifest());
        if (archived != null) {
            out.println("Archive:        " + archived.archive() + " (verified: " + archived.members()
                    + " files read back against the manifest; " + archived.checksumFile().getFileName() + ")");
        } else {
            out.println("Archive:        FAILED: " + archiveProblem + " (the bundle directory is complete)");
        }
        out.println("Next:           read " + b.incidentReport() + "; playbook docs/runbooks/incident.md");
        out.flush();
    }

    private void print(IncidentBundle b, DirectoryArchiver.Result archived, String archiveProblem) {
        Map<String, Object> json = new LinkedHashMap<>(b.toJson());
        json.put("archive", archived == null ? null : archived.archive().toString());
        json.put("archive_verified", archived != null);
        json.put("archive_problem", archiveProblem);
        try {
            spec.commandLine().getOut().println(OpsJson.pretty().writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
        spec.commandLine().getOut().flush();
    }
}
