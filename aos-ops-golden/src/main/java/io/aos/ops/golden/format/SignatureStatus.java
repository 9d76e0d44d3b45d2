package io.aos.ops.golden.format;

/** What the {@code .sig} sidecar of a trace says. */
public enum SignatureStatus {
    /** The {@code .sig} matches the file under the secret. */
    VALID("valid"),
    /** The {@code .sig} does not match: the file changed, or the secret is not the one it was signed with. */
    INVALID("INVALID"),
    /** An engine trace with no {@code .sig}: a run that never ended, or a crash before signing. */
    UNSIGNED("unsigned"),
    /** Simulation goldens carry no signature; they verify by their hashes alone. */
    NOT_SIGNED_FORMAT("not signed (simulation golden)"),
    /** Signatures were not checked (the hash command). */
    NOT_CHECKED("not checked");

    private final String label;

    SignatureStatus(String label) {
        this.label = label;
    }

    /** {@return the word reports use} */
    public String label() {
        return label;
    }
}
