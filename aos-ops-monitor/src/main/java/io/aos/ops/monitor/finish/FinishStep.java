package io.aos.ops.monitor.finish;

/**
 * The steps of {@link ShadowFinish}, in the order they run. The runbook's "Post-Shadow Run" is verify, stop the
 * monitor, archive, summary; here the summary comes before the archive, because the archive removes the golden files
 * whose number and size the summary reports.
 */
public enum FinishStep {
    VERIFY("verify completion"),
    STOP_MONITOR("stop the monitor"),
    SUMMARY("write the summary"),
    ARCHIVE("archive the goldens"),
    VERDICT("verdict");

    private final String title;

    FinishStep(String title) {
        this.title = title;
    }

    /** What the step does, for one line of output: {@code archive the goldens}. */
    public String title() {
        return title;
    }

    /** 1-based position, for {@code [4/5]}. */
    public int number() {
        return ordinal() + 1;
    }
}
