package io.aos.ops.monitor.metrics;

import java.io.IOException;

/**
 * A server was reached but gave no answer that can be used: none complete within the deadline, or one larger than
 * the cap ({@link BoundedHttpGet}). Distinct from a plain {@link IOException} (refused, unreachable) so a report can
 * say which it was.
 */
public final class UnusableAnswerException extends IOException {
    private static final long serialVersionUID = 1L;

    UnusableAnswerException(String message) {
        super(message);
    }
}
