package io.aos.ops.core.io;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Locale;

/**
 * Which kind of golden file a file name says it is: the one rule, asked by the golden formats, the golden summary,
 * the debug report and retention. Only the end of the name counts, matched as a shell glob would ({@code *.json}):
 * the first that applies of {@code .golden.json}, {@code .jsonl} (engine traces are {@code .steps.jsonl}),
 * {@code .sig}, {@code .json}; any other name is {@link #OTHER}.
 *
 * <p>Stateless and thread-safe.
 */
public enum GoldenFileKind {
    /** A shadow simulation golden, {@code <run_id>.golden.json}: one JSON object. */
    SIMULATION_GOLDEN(".golden.json"),
    /** An engine trace, {@code <run_id>.steps.jsonl} (any {@code .jsonl}): one JSON event per line. */
    ENGINE_TRACE(".jsonl"),
    /** A signature sidecar, {@code <trace>.sig}. */
    SIGNATURE(".sig"),
    /** Any other {@code .json} document. */
    JSON(".json"),
    /** Not a golden file. */
    OTHER("other");

    private static final String SIGNATURE_SUFFIX = ".sig";

    private final String label;

    GoldenFileKind(String label) {
        this.label = label;
    }

    /**
     * The kind a file name says, matched exactly (a shell glob is case-sensitive too).
     *
     * @param fileName a file name or a relative path; only its end counts
     * @return the kind, {@link #OTHER} when no rule applies
     * @throws NullPointerException if {@code fileName} is null
     */
    public static GoldenFileKind of(String fileName) {
        checkNotNull(fileName, "fileName");
        if (fileName.endsWith(".golden.json")) {
            return SIMULATION_GOLDEN;
        }
        if (fileName.endsWith(".jsonl")) {
            return ENGINE_TRACE;
        }
        if (fileName.endsWith(SIGNATURE_SUFFIX)) {
            return SIGNATURE;
        }
        if (fileName.endsWith(".json")) {
            return JSON;
        }
        return OTHER;
    }

    /**
     * The kind a file name says whatever its case ({@code RUN.STEPS.JSONL} is an engine trace): for readers that
     * take a file someone names, where the case is not a choice between files.
     *
     * @param fileName a file name or a relative path
     * @return the kind, {@link #OTHER} when no rule applies
     * @throws NullPointerException if {@code fileName} is null
     */
    public static GoldenFileKind ofIgnoringCase(String fileName) {
        checkNotNull(fileName, "fileName");
        return of(fileName.toLowerCase(Locale.ROOT));
    }

    /** @return the name ending that decides this kind ({@code .golden.json}, ...), or {@code other} */
    public String label() {
        return label;
    }

    /** @return whether a file of this kind is a golden file retention archives: every kind but {@link #OTHER} */
    public boolean isGolden() {
        return this != OTHER;
    }

    /** @return whether a file of this kind is a JSON document: a simulation golden or another {@code .json} */
    public boolean isJsonDocument() {
        return this == SIMULATION_GOLDEN || this == JSON;
    }

    /** @return whether a file of this kind is a trace that a summary counts: a JSON document or an engine trace */
    public boolean isTrace() {
        return isJsonDocument() || this == ENGINE_TRACE;
    }

    /**
     * The name of an engine trace's signature sidecar: the trace's name plus {@code .sig}.
     *
     * @param traceName the trace's file name
     * @return {@code traceName + ".sig"}
     */
    public static String signatureNameOf(String traceName) {
        return checkNotNull(traceName, "traceName") + SIGNATURE_SUFFIX;
    }

    /**
     * The file that must travel with this one (archived, restored, cleaned up together), as a name relative to the
     * same directory: a trace {@code x.jsonl} travels with {@code x.jsonl.sig}, a signature {@code x.jsonl.sig} with
     * {@code x.jsonl}.
     *
     * @param relative the file's name or relative path
     * @return the partner's name or relative path, or null when the file has none
     */
    public static String partnerOf(String relative) {
        if (of(relative) == ENGINE_TRACE) {
            return signatureNameOf(relative);
        }
        if (relative.endsWith(".jsonl" + SIGNATURE_SUFFIX)) {
            return relative.substring(0, relative.length() - SIGNATURE_SUFFIX.length());
        }
        return null;
    }
}
