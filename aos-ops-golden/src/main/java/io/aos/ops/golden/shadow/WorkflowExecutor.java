package io.aos.ops.golden.shadow;

import static com.google.common.base.Preconditions.checkNotNull;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.golden.hash.GoldenHashes;
import io.aos.ops.golden.shadow.spi.Skill;
import io.aos.ops.golden.shadow.spi.WorkflowRegistry;
import io.aos.ops.golden.shadow.spi.WorkflowSpec;
import io.aos.ops.golden.shadow.spi.WorkflowStep;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one workflow of a registry with a base seed, step by step, as upstream's shadow runner does: each step gets
 * {@code stepSeed(base, index)}, its output is hashed into {@code <skill>:<16 hex>}, and the workflow hash joins the
 * step hashes. The emergency stop is checked before every step. Thread-safe; one instance serves every worker.
 */
public final class WorkflowExecutor {

    static final String EMERGENCY_STOP_ERROR = "Workflow engine emergency stop is enabled";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] UNORDERED_ITEMS = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"};
    /** Makes leaked timestamps differ even when two runs fall in the same microsecond. */
    private static final AtomicLong LEAK_SEQUENCE = new AtomicLong();

    private final WorkflowRegistry registry;
    private final StopCheck stop;

    public WorkflowExecutor(WorkflowRegistry registry, StopCheck stop) {
        this.registry = checkNotNull(registry, "registry");
        this.stop = checkNotNull(stop, "stop");
    }

    /** Runs {@code type} with {@code seed} under {@code runId}, with no injected flaw. */
    public WorkflowRun run(String runId, String type, long seed, boolean replay) {
        return run(runId, type, seed, replay, null);
    }

    WorkflowRun run(String runId, String type, long seed, boolean replay, PlannedFault flaw) {
        long started = System.nanoTime();
        Optional<WorkflowSpec> spec = registry.workflow(type);
        if (spec.isEmpty()) {
            return new WorkflowRun(runId, type, seed, replay, List.of(), "", elapsedMs(started), RunStatus.FAILED,
                    "Unknown workflow type: " + type);
        }
        List<StepRecord> steps = new ArrayList<>();
        BigInteger base = BigInteger.valueOf(seed);
        List<WorkflowStep> declared = spec.get().steps();
        for (int i = 0; i < declared.size(); i++) {
            if (stop.isEngaged()) {
                return new WorkflowRun(runId, type, seed, replay, steps, "", elapsedMs(started),
                        RunStatus.EMERGENCY_STOPPED, EMERGENCY_STOP_ERROR);
            }
            WorkflowStep step = declared.get(i);
            boolean flawed = flaw != null && i >= flaw.step();
            BigInteger stepBase = flawed && replay && flaw.kind() == FaultKind.SEED_MISMATCH
                    ? base.add(BigInteger.ONE) : base;
            BigInteger stepSeed = GoldenHashes.stepSeed(stepBase, i);
            JsonNode output;
            try {
                output = execute(step, stepSeed);
            } catch (RuntimeException e) {
                return new WorkflowRun(runId, type, seed, replay, steps, "", elapsedMs(started), RunStatus.FAILED,
                        e.toString());
            }
            if (flaw != null && i == flaw.step()) {
                output = applyFlaw(flaw.kind(), output, runId);
            }
            String hash = GoldenHashes.simulationStepEntry(step.skillId(), output);
            steps.add(new StepRecord(i, step.stepId(), step.skillId(), step.input(), stepSeed, output, hash));
        }
        String workflowHash = GoldenHashes.workflowHash(steps.stream().map(StepRecord::stepHash).toList());
        return new WorkflowRun(runId, type, seed, replay, steps, workflowHash, elapsedMs(started),
                RunStatus.COMPLETED, null);
    }

    private JsonNode execute(WorkflowStep step, BigInteger seed) {
        Optional<Skill> skill = registry.skill(step.skillId());
        if (skill.isEmpty()) {
            // Upstream's answer to an unknown skill is an output, not an exception.
            return NODES.objectNode().put("error", "Unknown skill: " + step.skillId());
        }
        JsonNode output = skill.get().execute(step.input(), seed);
        if (output == null || !output.isObject()) {
            throw new IllegalStateException("skill " + step.skillId() + " returned " + output + ", not a JSON object");
        }
        return output;
    }

    /** The flaw as it shows in a step's output. A seed mismatch shows through the seed alone. */
    private static JsonNode applyFlaw(FaultKind kind, JsonNode output, String runId) {
        ObjectNode flawed = (ObjectNode) output.deepCopy();
        switch (kind) {
            case VOLATILE_LEAK -> flawed.put("timestamp",
                    Instant.now().plusNanos(LEAK_SEQUENCE.incrementAndGet() % 1000).toString());
            case UNSEEDED_RNG -> flawed.put("random_value", ThreadLocalRandom.current().nextLong());
            case EXTERNAL_CALL -> flawed.put("external_api_response",
                    "quote-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
            case UNORDERED -> {
                // Like iterating a hash set whose order depends on the run: same elements, another order.
                var items = flawed.putArray("unordered_items");
                java.util.Arrays.stream(UNORDERED_ITEMS)
                        .sorted(Comparator.comparing(item -> GoldenHashes.sha256Hex((runId + item).getBytes(UTF_8))))
                        .forEach(items::add);
            }
            case SEED_MISMATCH -> {
            }
        }
        return flawed;
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
