package io.aos.ops.golden.shadow;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A determinism flaw the runner can inject (--inject), so operators can rehearse incident response and the monitors
 * and the diff meet real mismatches. Each flaw makes the affected runs differ in exactly one way, at one step:
 */
public enum FaultKind {
    /** A wall-clock {@code timestamp} leaks into the step output, so the hash differs every run. */
    VOLATILE_LEAK("volatile-leak"),
    /** A value from an unseeded random generator ({@code random_value}) lands in the step output. */
    UNSEEDED_RNG("unseeded-rng"),
    /** The replay derives its step seeds from the wrong base seed from that step on. */
    SEED_MISMATCH("seed-mismatch"),
    /** The step output carries an external API's answer ({@code external_api_response}), which changes per call. */
    EXTERNAL_CALL("external-call"),
    /** The step output carries a list built from unordered iteration ({@code unordered_items}), in a per-run order. */
    UNORDERED("unordered");

    private final String flag;

    FaultKind(String flag) {
        this.flag = flag;
    }

    /** The name on the command line, e.g. {@code volatile-leak}. */
    public String flag() {
        return flag;
    }

    /** The kind named {@code flag} (case-insensitive; underscores allowed). */
    public static FaultKind fromFlag(String flag) {
        String wanted = flag.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (FaultKind k : values()) {
            if (k.flag.equals(wanted)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown fault kind '" + flag + "' (known: " + names() + ")");
    }

    public static String names() {
        return Arrays.stream(values()).map(FaultKind::flag).collect(Collectors.joining(", "));
    }
}
