package io.aos.ops.golden.diff;

import java.util.Locale;

/** What kind of difference one {@link Difference} is. */
public enum DiffKind {
    /** Same JSON type, different value. */
    CHANGED,
    /** Present only in the actual document. */
    ADDED,
    /** Present only in the expected document. */
    REMOVED,
    /** Different JSON types (e.g. string vs number, object vs array). */
    TYPE_CHANGED,
    /** The same elements in a different order. */
    REORDERED;

    /**
     * The name used in reports and in the {@code kind} field of the JSON report.
     *
     * @return the constant's name in lower case, such as {@code changed} or {@code type_changed}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
