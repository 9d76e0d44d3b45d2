package io.aos.ops.golden.shadow;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One {@code --inject KIND[:RATE]}: the share of primary runs (0 &lt; rate &lt;= 1) that carry the flaw. A flawed run
 * shows it again when replayed, so its replay diverges; which runs are flawed is drawn from the run's seeded random
 * generator, so {@code --seed} reproduces them.
 *
 * @param kind the flaw
 * @param rate the share of runs affected; {@link #DEFAULT_RATE} if the flag gives none
 */
public record FaultInjection(FaultKind kind, double rate) {

    public static final double DEFAULT_RATE = 0.2;

    public FaultInjection {
        checkNotNull(kind, "kind");
        checkArgument(rate > 0 && rate <= 1, "an injection rate must be in (0, 1], got %s", rate);
    }

    /** Parses {@code KIND[:RATE]}, e.g. {@code volatile-leak} or {@code unordered:0.5}. */
    public static FaultInjection parse(String text) {
        checkNotNull(text, "text");
        int colon = text.indexOf(':');
        FaultKind kind = FaultKind.fromFlag(colon < 0 ? text : text.substring(0, colon));
        if (colon < 0) {
            return new FaultInjection(kind, DEFAULT_RATE);
        }
        String rate = text.substring(colon + 1).trim();
        try {
            return new FaultInjection(kind, Double.parseDouble(rate));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the rate in '" + text + "' is not a number (want e.g. "
                    + kind.flag() + ":0.2)", e);
        }
    }

    @Override
    public String toString() {
        return kind.flag() + ":" + rate;
    }
}
