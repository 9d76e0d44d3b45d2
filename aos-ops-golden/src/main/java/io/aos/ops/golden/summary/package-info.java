/**
 * The summary of shadow simulation directories: cycles, workflows, replays and mismatches from the cycle reports
 * ({@code reports/cycle_N.json}, read in numeric order), and golden file counts from the directory listing.
 *
 * <p>Start at {@link io.aos.ops.golden.summary.GoldenSummary#withClock(java.time.Clock)}; its
 * {@link io.aos.ops.golden.summary.GoldenSummary#summarize(java.util.List) summarize} returns a
 * {@link io.aos.ops.golden.summary.ShadowSummary}, which {@link io.aos.ops.golden.summary.SummaryReport} renders as
 * text or JSON. {@link io.aos.ops.golden.shadow.state.CycleReportReader} reads one cycle report. A report that cannot be
 * read, a directory without cycle reports or without {@code reports/} is a problem in the summary that fails its
 * verdict, never a silent pass.
 *
 * <p>Thread safety: the types are immutable or stateless. The summariser starts no thread: it overlaps listing with
 * reading only on an executor given with {@link io.aos.ops.golden.summary.GoldenSummary#withExecutor}.
 */
package io.aos.ops.golden.summary;
