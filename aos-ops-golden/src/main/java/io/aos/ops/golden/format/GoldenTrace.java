package io.aos.ops.golden.format;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A whole trace in memory, as {@link GoldenTraceReader#readAll} reads it. For traces of any size prefer the
 * streaming reader.
 *
 * @param source           where it was read from
 * @param format           its format
 * @param header           the run header (empty for an engine trace without a leading {@code run_start})
 * @param steps            the steps in file order
 * @param end              how the run ended (empty for an engine trace without {@code run_end})
 * @param otherEvents      engine events that are neither header, step nor final end (resumes, unknown types)
 * @param events           A: every event in file order, as read (empty for B)
 * @param simulationObject B: the golden object, fields in file order (empty for A)
 */
public record GoldenTrace(Path source, TraceFormat format, Optional<RunHeader> header, List<TraceStep> steps,
                          Optional<RunEnd> end, List<GoldenEvent> otherEvents, List<GoldenEvent> events,
                          Optional<ObjectNode> simulationObject) {

    /**
     * Copies the lists.
     *
     * @throws NullPointerException if {@code format} or a list is null
     */
    public GoldenTrace {
        checkNotNull(format, "format");
        steps = List.copyOf(steps);
        otherEvents = List.copyOf(otherEvents);
        events = List.copyOf(events);
    }

    /**
     * The bytes this trace's format writer produces for it: the original file's bytes for a Python-written file.
     * Engine events are kept only by {@link GoldenTraceReader#readAll}; a trace assembled otherwise cannot be
     * written back.
     *
     * @return the bytes
     * @throws IllegalStateException if the events were not kept
     */
    public byte[] toBytes() {
        if (format == TraceFormat.ENGINE_JSONL) {
            checkState(!events.isEmpty() || (header.isEmpty() && steps.isEmpty() && end.isEmpty()),
                    "the events of %s were not kept; read it with GoldenTraceReader.readAll to write it back", source);
            return EngineTraceWriter.toBytes(events.stream().map(GoldenEvent::raw).toList());
        }
        return SimulationGoldenWriter.toBytes(simulationObject.orElseThrow());
    }
}
