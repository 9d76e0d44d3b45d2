package io.aos.ops.golden.shadow.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * One cycle's report, {@code reports/cycle_<N>.json}. Keeps upstream's fields ({@code timestamp}, {@code primary},
 * {@code shadow}, {@code mismatch_details}, {@code passed}) so upstream readers still work, and adds the cycle number
 * and what the classified diff found for each mismatch. Upstream files (without the added fields) read into this
 * type with the added fields null.
 *
 * @param timestamp       ISO-8601 time the cycle finished, e.g. {@code 2026-11-28T02:24:03.915613+00:00}
 * @param cycle           the cycle number (added; null in upstream files)
 * @param primary         primary-phase counts
 * @param shadow          shadow-phase counts
 * @param mismatchDetails one entry per mismatching replay (upstream kept at most 5; this suite keeps all)
 * @param passed          true iff there were no mismatches
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CycleReport(
        String timestamp,
        Long cycle,
        Primary primary,
        Shadow shadow,
        List<MismatchDetail> mismatchDetails,
        boolean passed) {

    public CycleReport {
        mismatchDetails = mismatchDetails == null ? List.of() : List.copyOf(mismatchDetails);
    }

    /** Primary phase: workflows run and recorded. {@code emergencyStopped} is added (null upstream). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Primary(long total, long successful, long failed, Long emergencyStopped) {
    }

    /**
     * Shadow phase: replays compared with their golden files. {@code emergencyStopped} is added (null upstream):
     * replays the emergency stop cut short, which are neither matches nor mismatches and not in {@code totalReplays}.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Shadow(long totalReplays, long matches, long mismatches, Long emergencyStopped) {

        /** Upstream's three counts. */
        public Shadow(long totalReplays, long matches, long mismatches) {
            this(totalReplays, matches, mismatches, null);
        }
    }

    /**
     * One mismatching replay. The first six fields are upstream's; the rest are added by this suite's diff.
     *
     * @param originalRunId       the golden run replayed
     * @param replayRunId         {@code shadow-xxxxxxxx}
     * @param originalHash        golden workflow hash
     * @param replayHash          replay workflow hash ("" if the replay produced none)
     * @param match               always false here
     * @param diffDetails         upstream's one-line text, e.g. {@code Mismatch at step 2: original=..., replay=...}
     * @param workflowType        compute, io, llm or a plugged-in workflow (added)
     * @param seed                the run's base seed (added)
     * @param firstDivergingStep  0-based index of the first step that differs (added)
     * @param rootCause           the root-cause category of the classified diff, e.g. {@code VOLATILE_LEAK} (added)
     * @param severity            MATCH, WARNING or CRITICAL (added)
     * @param evidence            what decided the root cause, in one sentence (added)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MismatchDetail(
            String originalRunId,
            String replayRunId,
            String originalHash,
            String replayHash,
            boolean match,
            String diffDetails,
            String workflowType,
            Long seed,
            Integer firstDivergingStep,
            String rootCause,
            String severity,
            String evidence) {
    }
}
