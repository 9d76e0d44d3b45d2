package io.aos.ops.golden.format;

import io.aos.ops.core.io.GoldenFileKind;
import java.nio.file.Path;
import java.util.Optional;

/** The two golden formats upstream writes. */
public enum TraceFormat {
    /**
     * (A) The engine's {@code <run_id>.steps.jsonl}: one compact, sorted, ASCII-escaped JSON event per line
     * ({@code run_start}, {@code step}..., {@code run_end}), signed by a {@code .sig} sidecar.
     */
    ENGINE_JSONL("engine-jsonl"),
    /**
     * (B) The shadow simulation's {@code <run_id>.golden.json}: one object indented by two spaces, dataclass field
     * order, no trailing newline, unsigned.
     */
    SIMULATION_JSON("simulation-json");

    private final String label;

    TraceFormat(String label) {
        this.label = label;
    }

    /**
     * The name used in reports: {@code engine-jsonl} or {@code simulation-json}.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * The format a file name says: {@code .steps.jsonl} and {@code .jsonl} are engine traces, {@code .golden.json}
     * is a simulation golden, whatever the case ({@link GoldenFileKind#ofIgnoringCase}); any other name (including a
     * bare {@code .json}) says nothing, and the content decides.
     *
     * @param file the file; only its name is looked at
     * @return the format, or empty when the name does not say
     */
    public static Optional<TraceFormat> fromFileName(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return Optional.empty();
        }
        return switch (GoldenFileKind.ofIgnoringCase(name.toString())) {
            case ENGINE_TRACE -> Optional.of(ENGINE_JSONL);
            case SIMULATION_GOLDEN -> Optional.of(SIMULATION_JSON);
            default -> Optional.empty();
        };
    }

    /**
     * The {@code .sig} sidecar of an engine trace: the file name plus {@code .sig}.
     *
     * @param trace the trace file
     * @return the sidecar's path, beside it
     */
    public static Path signatureFileOf(Path trace) {
        return trace.resolveSibling(GoldenFileKind.signatureNameOf(trace.getFileName().toString()));
    }

    @Override
    public String toString() {
        return label;
    }
}
