/**
 * The golden diff: compares an expected golden trace with an actual one and says where it first diverged and why.
 *
 * <p>Start at {@link io.aos.ops.golden.diff.GoldenDiff#compare(java.nio.file.Path, java.nio.file.Path,
 * io.aos.ops.golden.diff.DiffOptions)}; it returns a {@link io.aos.ops.golden.diff.DiffResult}: a
 * {@link io.aos.ops.golden.diff.Severity}, the {@link io.aos.ops.golden.diff.RootCause} at the first diverging step
 * with the sentence of evidence that decided it, the {@link io.aos.ops.golden.diff.Finding}s, and every
 * {@link io.aos.ops.golden.diff.Difference}. {@link io.aos.ops.golden.diff.DiffReport} renders a result as text or
 * JSON. {@link io.aos.ops.golden.diff.DiffOptions} says what is identity, volatile and equal enough, which skills are
 * external calls, random or pure ({@link io.aos.ops.golden.diff.SkillRegistry}), and which executor may run work
 * besides the calling thread.
 *
 * <p>How two engine traces (JSONL) are compared is a pipeline of three tiers, each used only when the one before
 * cannot answer, each giving the same differences: bytes (lines equal in bytes are only scanned), tokens (line
 * against line, token by token), tree (events aligned by identity and walked as trees). A simulation golden or any
 * other JSON document is compared as a tree. The differences then go to the root-cause classifier, which judges them
 * position by position (run start, each step, run end) and files later differences that only follow from the first
 * divergence under it as consequences.
 *
 * <p>Thread safety: every public type is immutable or stateless, and a diff shares no state with another: any number
 * of threads may compare at once. The library starts no thread: without an executor in the options everything runs
 * on the calling thread.
 */
package io.aos.ops.golden.diff;
