package io.aos.ops.monitor.finish;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadInputException;
import io.aos.ops.core.io.AtomicFiles;
import io.aos.ops.core.json.OpsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code <run>/finish.json}: the steps of {@link ShadowFinish} done so far, rewritten atomically after each one, so a
 * finish that stopped part-way resumes where it stopped. A later finish re-checks what each record claims (the
 * monitor is not running, the summary file has the recorded checksum, each archive still verifies) rather than taking
 * it on trust. Paths are strings, as written.
 *
 * @param schemaVersion 1
 * @param runDir        the run directory
 * @param startedAt     when the first finish on this run started
 * @param updatedAt     when this file was written
 * @param verify        the completion check, once passed
 * @param stopMonitor   the monitor stop, once done
 * @param summary       the summary written, once done
 * @param archive       the archives made so far; {@code doneAt} set once every directory was archived and verified
 * @param finishedAt    when every step was done
 * @param lastFailure   the last step that failed and why, until a later finish gets past it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FinishState(
        int schemaVersion,
        String runDir,
        Instant startedAt,
        Instant updatedAt,
        Step verify,
        Step stopMonitor,
        SummaryStep summary,
        ArchiveStep archive,
        Instant finishedAt,
        String lastFailure) {

    public static final int SCHEMA_VERSION = 1;
    public static final String FILE_NAME = "finish.json";

    /** A step done, when, and what it did. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Step(Instant doneAt, String detail) {
    }

    /** The summary written: where, its SHA-256 and its verdict ({@code PASS}/{@code FAIL}). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SummaryStep(Instant doneAt, String file, String sha256, String verdict, String detail) {
    }

    /** One archive made. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ArchiveEntry(String directory, String archive, int files) {
    }

    /** The archives made; {@code doneAt} null while a directory is still to do. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ArchiveStep(Instant doneAt, List<ArchiveEntry> archives, String detail) {
        public ArchiveStep {
            archives = archives == null ? List.of() : List.copyOf(archives);
        }
    }

    /** The state of a run no finish has touched. */
    static FinishState fresh(Path runDir, Instant now) {
        return new FinishState(SCHEMA_VERSION, runDir.toString(), now, now, null, null, null, null, null, null);
    }

    /** The state recorded in {@code file}, if there is one; bad JSON is an {@link AosOpsException} naming line and column. */
    static Optional<FinishState> read(Path file) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        FinishState state = OpsJson.read(file, FinishState.class);
        if (state.schemaVersion() != SCHEMA_VERSION) {
            throw new BadInputException(file, "has schema_version " + state.schemaVersion() + ", not "
                    + SCHEMA_VERSION + ": written by another version of aos-ops");
        }
        return Optional.of(state);
    }

    /** Writes this state to {@code file} atomically. */
    void write(Path file) throws IOException {
        AtomicFiles.replace(file, OpsJson.pretty().writeValueAsBytes(this));
    }

    FinishState withVerify(Step step, Instant now) {
        return new FinishState(schemaVersion, runDir, startedAt, now, step, stopMonitor, summary, archive, finishedAt,
                lastFailure);
    }

    FinishState withStopMonitor(Step step, Instant now) {
        return new FinishState(schemaVersion, runDir, startedAt, now, verify, step, summary, archive, finishedAt,
                lastFailure);
    }

    FinishState withSummary(SummaryStep step, Instant now) {
        return new FinishState(schemaVersion, runDir, startedAt, now, verify, stopMonitor, step, archive, finishedAt,
                lastFailure);
    }

    FinishState withArchive(ArchiveStep step, Instant now) {
        return new FinishState(schemaVersion, runDir, startedAt, now, verify, stopMonitor, summary, step, finishedAt,
                lastFailure);
    }

    FinishState finished(Instant now) {
        return new FinishState(schemaVersion, runDir, startedAt, now, verify, stopMonitor, summary, archive, now,
                null);
    }

    FinishState failed(FinishStep step, String why, Instant now) {
        return new FinishState(schemaVersion, runDir, startedAt, now, verify, stopMonitor, summary, archive,
                finishedAt, step.name().toLowerCase(java.util.Locale.ROOT) + ": " + why);
    }
}
