package io.aos.ops.golden.diff;

/**
 * How two JSONL traces are compared: three tiers, each used only when the one before cannot answer, each giving
 * the same differences in the same order as the next would.
 *
 * <ol>
 *   <li><b>bytes</b> ({@link ByteLockstep}): line k against line k; a line equal in bytes is only scanned for its
 *       identity, a pair differing only in volatile values is counted on its bytes, the rest go to the tokens;</li>
 *   <li><b>tokens</b> ({@link TokenLockstep}): line k against line k, token by token, a tree only where tokens
 *       cannot settle a pair;</li>
 *   <li><b>tree</b> ({@link StructuralDiff#trace}): the events aligned by identity ({@link Alignment}) and walked
 *       as trees.</li>
 * </ol>
 *
 * The line tiers share their captures and identity keys ({@link CapturePaths}) and their split into parts
 * ({@link TraceHalves}).
 */
final class TraceTiers {

    /** The tier that produced the differences. */
    enum Tier { BYTES, TOKENS, TREE }

    private TraceTiers() {
    }

    /** Compares {@code a} with {@code b} into {@code diff} and says which tier did. */
    static Tier compare(StructuralDiff diff, JsonlSequence a, JsonlSequence b, DiffOptions options) {
        ByteLockstep.Outcome bytes = ByteLockstep.compare(diff, a, b, options);
        if (bytes == ByteLockstep.Outcome.COMPARED) {
            return Tier.BYTES;
        }
        if (bytes == ByteLockstep.Outcome.UNSURE && TokenLockstep.compare(diff, a, b, options)) {
            return Tier.TOKENS;
        }
        diff.trace(a, b);
        return Tier.TREE;
    }
}
