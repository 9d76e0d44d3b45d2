package io.aos.ops.golden.format;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;

/**
 * The result of auditing one trace file: what it is, whether its stored hashes and seeds match their recomputation,
 * and what its signature says. An unreadable file has an {@link #error()} and nothing else.
 *
 * @param file                   the file
 * @param format                 its format, or null when unreadable
 * @param runId                  the run id ("" when unknown)
 * @param workflowType           B: the workflow type; A: the spec id; null when unknown
 * @param baseSeed               the run's base seed, or null
 * @param stepCount              steps read
 * @param steps                  the steps that do not match, up to {@link TraceAuditor#MAX_KEPT_STEPS}
 * @param omittedSteps           further non-matching steps, counted but not kept
 * @param hashMismatches         steps whose stored hash differs from the recomputed one
 * @param seedMismatches         engine steps whose seed differs from the one derived from the base seed
 * @param unverifiableSteps      steps with no hash that can be recomputed (all B steps; A steps without output)
 * @param storedWorkflowHash     B: {@code workflow_hash} as stored
 * @param recomputedWorkflowHash B: recomputed from {@code step_hashes}
 * @param endStatus              A: {@code run_end} status; B: {@code success}; null when the run has no end
 * @param signature              what the {@code .sig} says
 * @param error                  why the file could not be read, or null
 * @param truncated              whether the error is a cut-off last line
 * @param problems               why a readable trace cannot verify although no stored value differs: nothing to
 *                               check (no events, no run_start, a step without output_hash or seed) or steps out
 *                               of order; each one sentence naming the line
 */
public record TraceAudit(Path file, TraceFormat format, String runId, String workflowType, BigInteger baseSeed,
                         int stepCount, List<StepCheck> steps, int omittedSteps, int hashMismatches, int seedMismatches,
                         int unverifiableSteps, String storedWorkflowHash, String recomputedWorkflowHash,
                         String endStatus, SignatureStatus signature, String error, boolean truncated,
                         List<String> problems) {

    /**
     * Copies the lists.
     *
     * @throws NullPointerException if {@code file}, {@code signature} or a list is null
     */
    public TraceAudit {
        checkNotNull(file, "file");
        steps = List.copyOf(steps);
        problems = List.copyOf(problems);
        checkNotNull(signature, "signature");
    }

    static TraceAudit unreadable(Path file, String error, boolean truncated, SignatureStatus signature) {
        return new TraceAudit(file, null, "", null, null, 0, List.of(), 0, 0, 0, 0, null, null, null, signature, error,
                truncated, List.of());
    }

    /** {@return whether the file could be read ({@link #error()} is null)} */
    public boolean readable() {
        return error == null;
    }

    /**
     * Whether the stored workflow hash (B) matches its recomputation; true when there is none to compare.
     *
     * @return whether it matches
     */
    public boolean workflowHashMatches() {
        return storedWorkflowHash == null || storedWorkflowHash.equals(recomputedWorkflowHash);
    }

    /**
     * Readable, with something to check and in order ({@link #problems()} empty), and every stored hash and seed
     * that can be recomputed matches. A trace where nothing could be checked does not pass.
     *
     * @return whether every check passed
     */
    public boolean hashesMatch() {
        return readable() && problems.isEmpty() && hashMismatches == 0 && seedMismatches == 0
                && workflowHashMatches();
    }

    /**
     * Whether the trace verifies: its hashes match and its signature is valid; a simulation golden needs no
     * signature, an unsigned engine trace passes only when {@code allowUnsigned}.
     *
     * @param allowUnsigned whether an engine trace without {@code .sig} passes
     * @return whether the trace verifies
     */
    public boolean verified(boolean allowUnsigned) {
        if (!hashesMatch()) {
            return false;
        }
        return switch (signature) {
            case VALID, NOT_SIGNED_FORMAT, NOT_CHECKED -> true;
            case UNSIGNED -> allowUnsigned;
            case INVALID -> false;
        };
    }

    /**
     * The audit as JSON, with the kept non-matching steps under {@code step_checks}.
     *
     * @return a new object
     */
    public ObjectNode toJson() {
        ObjectNode o = summaryJson();
        if (readable()) {
            ArrayNode list = o.putArray("step_checks");
            steps.forEach(s -> list.add(s.toJson()));
            o.put("step_checks_omitted", omittedSteps);
        }
        return o;
    }

    /**
     * The audit as JSON without the step list.
     *
     * @return a new object
     */
    public ObjectNode summaryJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("file", file.toString());
        o.put("readable", readable());
        if (!readable()) {
            o.put("error", error);
            o.put("truncated", truncated);
            o.put("signature", signature.name().toLowerCase(java.util.Locale.ROOT));
            return o;
        }
        o.put("format", format.label());
        o.put("run_id", runId);
        if (workflowType != null) {
            o.put(format == TraceFormat.SIMULATION_JSON ? "workflow_type" : "spec_id", workflowType);
        }
        o.put("seed", baseSeed);
        o.put("steps", stepCount);
        o.put("hash_mismatches", hashMismatches);
        o.put("seed_mismatches", seedMismatches);
        o.put("unverifiable_steps", unverifiableSteps);
        if (storedWorkflowHash != null) {
            o.put("workflow_hash", storedWorkflowHash);
            o.put("recomputed_workflow_hash", recomputedWorkflowHash);
            o.put("workflow_hash_matches", workflowHashMatches());
        }
        o.put("end", endStatus);
        ArrayNode list = o.putArray("problems");
        problems.forEach(list::add);
        o.put("signature", signature.name().toLowerCase(java.util.Locale.ROOT));
        o.put("hashes_match", hashesMatch());
        return o;
    }
}
