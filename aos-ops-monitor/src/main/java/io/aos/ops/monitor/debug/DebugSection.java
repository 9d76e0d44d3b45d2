package io.aos.ops.monitor.debug;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One section of the debug console. Each section gathers its facts once, when it is built, and never fails: what it
 * could not read is listed in {@link #unreadable()}, naming the file and the reason, and the rest is still shown.
 */
public interface DebugSection {

    /** The key of the section in the JSON document, e.g. {@code process}. */
    String key();

    /** The heading in the text form, e.g. {@code Process information}. */
    String title();

    /** The section as JSON-ready values (maps, lists, strings, numbers, null). */
    Map<String, Object> toJson();

    /** The section as text, one fact per line, without its heading. */
    void render(StringBuilder out);

    /** What could not be read, one sentence each naming the file; empty when everything was read. */
    List<String> unreadable();

    /**
     * Why the section has nothing to judge by, when it read none of its input (no cycle report, no golden directory):
     * such a section's silence is not a pass. Empty when it read something, or when it judges nothing.
     */
    default Optional<String> nothingRead() {
        return Optional.empty();
    }
}
