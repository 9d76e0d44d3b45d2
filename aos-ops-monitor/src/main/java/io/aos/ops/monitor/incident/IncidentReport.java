package io.aos.ops.monitor.incident;

import io.aos.ops.core.emergency.EmergencyStopStatus;
import io.aos.ops.monitor.discovery.WatchedRun;
import io.aos.ops.monitor.incident.IncidentBundle.Mismatch;
import io.aos.ops.monitor.incident.IncidentBundle.RootCauseCount;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code INCIDENT.md}: what happened, in a page, for the person who opens the bundle first: the state of the
 * emergency stop, the first mismatch, the root causes, the affected workflows, what could not be captured, and what
 * to do next (the steps of {@value #PLAYBOOK}, with the one for this root cause spelled out). Also the same facts as
 * {@code capture.json}.
 */
final class IncidentReport {

    static final String FILE = "INCIDENT.md";

    /** The playbook in this project's docs. */
    static final String PLAYBOOK = "docs/runbooks/incident.md";

    private IncidentReport() {
    }

    /** What to do about each root cause: the one-line form of the playbook's step 4. */
    static String advice(String rootCause) {
        return switch (rootCause == null ? "" : rootCause) {
            case "SEED_MISMATCH" -> "The replay derived its step seeds from another base seed: check how the run's "
                    + "seed is recorded (run_start) and handed to the replay; step seeds are "
                    + "int(sha256(\"<seed>:<index>\")[:16], 16).";
            case "UNSEEDED_RNG" -> "A step draws random values that do not come from its step seed: find the skill "
                    + "in the diff and seed its generator from the step seed.";
            case "EXTERNAL_CALL" -> "A step's output depends on an external call: record the response in the golden "
                    + "trace and replay it, or stub the call in shadow runs.";
            case "VOLATILE_LEAK" -> "A clock or id value reached a step's output and its hash: keep it out of the "
                    + "output, or declare the field volatile (VolatileFields) if it carries no meaning.";
            case "FLOAT_PRECISION" -> "Numbers differ in their last digits or as int vs float: round or canonicalise "
                    + "them before they are output and hashed.";
            case "UNORDERED_COLLECTION" -> "A collection is output in a run-dependent order: sort it before it is "
                    + "output.";
            case "DETERMINISM_VIOLATION" -> "Same seed, different output: start from the diff's first diverging step "
                    + "and its inputs, and replay the run with aos-ops debug replay.";
            default -> "No root cause was classified: replay the run with aos-ops debug replay RUN_ID --run-dir RUN "
                    + "to classify it.";
        };
    }

    static String render(IncidentBundle b, WatchedRun run, Instant capturedAt, List<BundleWriter.Entry> entries) {
        StringBuilder md = new StringBuilder();
        String name = b.directory().getFileName().toString();
        md.append("# Incident ").append(name).append("\n\n");
        md.append("Captured at ").append(capturedAt).append(" by `aos-ops incident capture`. Run: ")
                .append(run.runDir().map(p -> "`" + p + "`").orElse("none found")).append("; log: ")
                .append(run.log().map(p -> "`" + p + "`").orElse("none found")).append(".\n\n");

        md.append("## Emergency stop\n\n").append(stop(b.stop())).append("\n\n");

        md.append("## First mismatch\n\n");
        if (b.firstMismatch().isPresent()) {
            Mismatch m = b.firstMismatch().get();
            md.append("Cycle ").append(m.cycle()).append(m.timestamp() == null ? "" : " (" + m.timestamp() + ")")
                    .append(": run `").append(m.originalRunId()).append('`');
            if (m.workflowType() != null) {
                md.append(" (").append(m.workflowType()).append(m.seed() == null ? "" : ", seed " + m.seed())
                        .append(')');
            }
            md.append(" replayed as `").append(m.replayRunId()).append("`: **")
                    .append(m.rootCause() == null ? "root cause not recorded" : m.rootCause()).append("**")
                    .append(m.severity() == null ? "" : " (" + m.severity() + ")")
                    .append(m.firstDivergingStep() == null ? "" : " at step " + m.firstDivergingStep()).append(".\n\n");
            if (m.evidence() != null) {
                md.append("Evidence: ").append(m.evidence()).append("\n\n");
            }
            md.append(m.diffFile() != null ? "Classified diff: `" + m.diffFile() + "`.\n\n"
                    : "No diff: the traces of this replay were not found (an upstream run?).\n\n");
        } else if (run.runDir().isEmpty()) {
            md.append("No shadow run was found, so no mismatch could be looked for.\n\n");
        } else {
            md.append("None: the run's cycle reports record no mismatch (see `analysis.txt`).\n\n");
        }

        md.append("## Root causes\n\n");
        if (b.rootCauses().isEmpty()) {
            md.append("None recorded.\n\n");
        } else {
            md.append(b.mismatches()).append(b.mismatches() == 1 ? " mismatch" : " mismatches")
                    .append(", the most severe first (").append(b.captured().size())
                    .append(" captured with their traces and a classified diff under `diffs/`).\n\n");
            md.append("| root cause | severity | mismatches | first seen |\n| --- | --- | --- | --- |\n");
            for (RootCauseCount r : b.rootCauses()) {
                md.append("| ").append(r.rootCause()).append(" | ").append(r.severity()).append(" | ")
                        .append(r.count()).append(" | cycle ").append(r.firstCycle())
                        .append(r.firstRun() == null ? "" : ", run `" + r.firstRun() + "`").append(" |\n");
            }
            md.append('\n');
        }

        md.append("## Affected workflows\n\n");
        if (b.affectedWorkflows().isEmpty()) {
            md.append("None.\n\n");
        } else {
            md.append("| workflow | mismatches |\n| --- | --- |\n");
            b.affectedWorkflows().forEach((type, n) -> md.append("| ").append(type).append(" | ").append(n)
                    .append(" |\n"));
            md.append('\n');
        }

        md.append("## Sanity check\n\n").append(b.sanityVerdict()).append(" (`sanity.txt`).\n\n");

        md.append("## What to do next\n\n");
        md.append("The steps of the playbook, `").append(PLAYBOOK).append("`:\n\n");
        md.append("1. Keep workflows stopped until the root cause is understood: `aos-ops emergency-stop status`")
                .append(b.stop().engaged() ? "." : " (the stop is NOT engaged now: `aos-ops emergency-stop enable "
                        + "--reason '...'`).").append('\n');
        md.append("2. Check the evidence is intact: `sha256sum -c MANIFEST.sha256` in this directory, and `aos-ops "
                + "retention verify ").append(IncidentCapture.archiveOf(b.directory())).append("` for the archive.\n");
        int step = 3;
        if (b.rootCauses().isEmpty()) {
            md.append(step++).append(". No mismatch: look at `system/processes.txt` (a process in state D is stuck "
                    + "in the kernel), `system/df.txt`, `logs/` and `sanity.txt` (playbook, other incidents).\n");
        } else {
            for (RootCauseCount r : b.rootCauses()) {
                md.append(step++).append(". ").append(r.rootCause()).append(": ").append(advice(r.rootCause()))
                        .append(" (playbook step 4)\n");
            }
        }
        if (b.firstMismatch().isPresent()) {
            Mismatch m = b.firstMismatch().get();
            md.append(step++).append(". Reproduce the first mismatch: `aos-ops debug replay ").append(m.originalRunId())
                    .append(run.runDir().map(d -> " --run-dir " + d).orElse("")).append("` (playbook step 5).\n");
        }
        md.append(step).append(". When fixed: `aos-ops emergency-stop disable --reason '<fix, ticket>'` and start a "
                + "new shadow run (playbook step 6).\n\n");
        md.append("## Not captured\n\n");
        if (b.unreadable().isEmpty() && b.absent().isEmpty()) {
            md.append("Everything looked for was captured.\n\n");
        } else {
            for (IncidentBundle.Unreadable u : b.unreadable()) {
                md.append("- UNREADABLE `").append(u.source()).append("`: ").append(u.reason()).append('\n');
            }
            for (Path a : b.absent()) {
                md.append("- absent `").append(a).append("` (nothing there to capture)\n");
            }
            md.append('\n');
        }

        md.append("## Files\n\n");
        md.append("Every file with its SHA-256 is in `MANIFEST.sha256`; `capture.json` lists each with the file it was "
                + "copied from.\n\n");
        Map<String, long[]> groups = new java.util.TreeMap<>();
        for (BundleWriter.Entry e : entries) {
            int slash = e.name().indexOf('/');
            long[] g = groups.computeIfAbsent(slash < 0 ? e.name() : e.name().substring(0, slash + 1),
                    k -> new long[2]);
            g[0]++;
            g[1] += e.bytes();
        }
        groups.forEach((group, g) -> md.append("- `").append(group).append("`: ")
                .append(g[0] == 1 ? "1 file, " : g[0] + " files, ").append(g[1]).append(" bytes\n"));
        return md.toString();
    }

    private static String stop(IncidentBundle.StopOutcome outcome) {
        EmergencyStopStatus s = outcome.status();
        String state = s == null ? "UNKNOWN" : s.state();
        String what = switch (outcome.action()) {
            case "ENGAGED" -> "**" + state + "**: engaged by this capture.";
            case "ALREADY_ENGAGED" -> "**" + state + "**: it was already engaged; the first record is kept and this "
                    + "capture is in the audit log.";
            case "LEFT_AS_IS" -> "**" + state + "**: left as it was (`--no-stop`).";
            default -> "**" + state + "**: ENGAGING IT FAILED: " + outcome.problem();
        };
        return what + (s == null ? "" : " " + capitalise(s.describe()) + ".")
                + " Its audit log is `emergency/emergency_stop_audit.log`.";
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** {@code capture.json}: the same facts, and where every file came from. */
    static Map<String, Object> json(IncidentBundle b, WatchedRun run, Instant capturedAt,
                                    List<BundleWriter.Entry> entries) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schema_version", 1);
        json.put("bundle", b.directory().getFileName().toString());
        json.put("captured_at", capturedAt.toString());
        json.put("run_dir", run.runDir().map(Path::toString).orElse(null));
        json.put("log", run.log().map(Path::toString).orElse(null));
        Map<String, Object> stop = new LinkedHashMap<>();
        stop.put("action", b.stop().action());
        stop.put("state", b.stop().status() == null ? "UNKNOWN" : b.stop().status().state());
        stop.put("describe", b.stop().status() == null ? null : b.stop().status().describe());
        stop.put("problem", b.stop().problem());
        json.put("emergency_stop", stop);
        json.put("mismatches", b.mismatches());
        json.put("captured_mismatches", b.captured().stream().map(Mismatch::toJson).toList());
        json.put("root_causes", b.rootCauses().stream().map(RootCauseCount::toJson).toList());
        json.put("affected_workflows", b.affectedWorkflows());
        json.put("sanity", b.sanityVerdict());
        List<Map<String, Object>> unreadable = new ArrayList<>();
        b.unreadable().forEach(u -> unreadable.add(Map.of("source", u.source().toString(), "reason", u.reason())));
        json.put("unreadable", unreadable);
        json.put("absent", b.absent().stream().map(Path::toString).toList());
        List<Map<String, Object>> files = new ArrayList<>();
        for (BundleWriter.Entry e : entries) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", e.name());
            f.put("bytes", e.bytes());
            f.put("sha256", e.sha256());
            f.put("source", e.source() == null ? null : e.source().toString());
            files.add(f);
        }
        json.put("files", files);
        return json;
    }
}
