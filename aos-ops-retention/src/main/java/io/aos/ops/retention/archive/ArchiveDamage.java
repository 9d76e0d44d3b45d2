package io.aos.ops.retention.archive;

/** An archive failed verification; the message is the reason, one phrase, for the {@code ✗ name - reason} line. */
public final class ArchiveDamage extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ArchiveDamage(String reason) {
        super(reason);
    }
}
