package io.aos.ops.golden.diff;

import java.util.OptionalInt;

/**
 * Where in a trace a difference sits: the run start (run_start event, base seed, run id), a step, or the run end
 * (run_end event, workflow hash, status). Ordered start, steps by index, end, which is the order the first
 * divergence is searched in.
 *
 * @param order -1 for the start, the step index, or {@link Integer#MAX_VALUE} for the end
 * @param skill the step's skill when the trace names it, else null
 */
record Locus(int order, String skill) {

    static final Locus START = new Locus(-1, null);
    static final Locus END = new Locus(Integer.MAX_VALUE, null);

    static Locus step(int index, String skill) {
        return new Locus(index, skill);
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
