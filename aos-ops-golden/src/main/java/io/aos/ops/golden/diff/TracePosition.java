package io.aos.ops.golden.diff;

import java.util.List;
import java.util.OptionalInt;

/**
 * Where in a trace a difference sits: the run start (run_start event, base seed, run id), a step, or the run end
 * (run_end event, workflow hash, status). Ordered start, steps by index, end, which is the order the first
 * divergence is searched in.
 *
 * @param order -1 for the start, the step index, or {@link Integer#MAX_VALUE} for the end
 * @param skill the step's skill when the trace names it, else null
 */
record TracePosition(int order, String skill) {

    static final TracePosition START = new TracePosition(-1, null);
    static final TracePosition END = new TracePosition(Integer.MAX_VALUE, null);

    /** Paths read from every event to place it: its type, its step index and its skill. */
    static final List<String> PATHS = List.of("event_type", "data.index", "index", "data.skill_id", "skill_id",
            "skill", "data.skill");

    static TracePosition step(int index, String skill) {
        return new TracePosition(index, skill);
    }

    /**
     * The position of the event at {@code position} from the values of {@link #PATHS} (a longer array may follow
     * them): run_start and run_end by type, a step by its index (else its position) and first named skill.
     */
    static TracePosition ofEvent(String[] v, int position) {
        if ("run_start".equals(v[0])) {
            return START;
        }
        if ("run_end".equals(v[0])) {
            return END;
        }
        int step = position;
        String index = v[1] != null ? v[1] : v[2];
        if (index != null) {
            try {
                step = Integer.parseInt(index);
            } catch (NumberFormatException e) {
                step = position;
            }
        }
        String skill = null;
        for (int k = 3; k < PATHS.size() && skill == null; k++) {
            skill = v[k] != null && !v[k].startsWith("<") ? v[k] : null;
        }
        return step(step, skill);
    }

    boolean isStep() {
        return order >= 0 && order != Integer.MAX_VALUE;
    }

    OptionalInt step() {
        return isStep() ? OptionalInt.of(order) : OptionalInt.empty();
    }

    String label() {
        if (order < 0) {
            return "run start";
        }
        if (!isStep()) {
            return "run end";
        }
        return "step " + order + (skill == null ? "" : " (" + skill + ")");
    }
}
