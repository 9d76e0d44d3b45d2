/**
 * Snapshot testing of traces against golden files in JUnit 5.
 *
 * <ul>
 *   <li>{@link io.aos.ops.golden.junit.GoldenExtension} with {@link io.aos.ops.golden.junit.GoldenSnapshot}: golden
 *       files named after the test, a pending {@code .new} file beside each golden file that did not match, and one
 *       summary of every mismatch at the end of the run.</li>
 *   <li>{@link io.aos.ops.golden.junit.GoldenAssertions}: the same check against a golden file the test names
 *       itself.</li>
 * </ul>
 *
 * <p>Every method takes the golden file (expected) before the actual trace, as
 * {@link io.aos.ops.golden.diff.GoldenDiff#compare GoldenDiff.compare} does. Failure messages name the golden file
 * and the file holding the actual trace. Update mode ({@code -Daos.golden.update=true} or
 * {@code AOS_GOLDEN_UPDATE=1}) writes golden files instead of comparing.
 *
 * <p>junit-jupiter-api is an optional dependency of aos-ops-golden: a project using this package has it on its test
 * class path already.
 */
package io.aos.ops.golden.junit;
