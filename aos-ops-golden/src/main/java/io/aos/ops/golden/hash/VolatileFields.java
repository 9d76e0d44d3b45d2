package io.aos.ops.golden.hash;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.golden.json.PyStr;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A set of field names whose values change from run to run (clocks, durations, request ids) and so are dropped, at
 * every nesting level, before two runs are compared or hashed. Names are matched case-insensitively (the key is
 * lowercased, as upstream does).
 *
 * <p>Upstream kept three different lists (canonicalisation, event comparison, diff classification); this suite uses
 * one set, {@link #defaults()}, which is their union plus {@code run_id} (a replay runs under a new run id, and the
 * engine writes the run id into every failed step's error). Hashes that must match upstream bit for bit use the
 * engine's own list instead ({@link #engineCanonicalize()}), never the defaults: see {@link GoldenCanonicalizer}.
 *
 * <p>Immutable and thread-safe.
 */
public final class VolatileFields {

    /** Upstream {@code canonicalize.py DEFAULT_VOLATILE_FIELDS}: the set behind {@code output_hash}. */
    private static final VolatileFields ENGINE_CANONICALIZE = of("timestamp", "ts", "created_at", "updated_at",
            "started_at", "ended_at", "duration_ms", "latency_ms", "request_id", "trace_id", "span_id",
            "correlation_id");

    /** Upstream {@code golden.py GoldenEvent._strip_volatile_fields}. */
    private static final VolatileFields ENGINE_EVENT_COMPARISON = of("duration_ms", "latency_ms", "timestamp", "ts",
            "created_at", "updated_at", "started_at", "ended_at", "execution_time_ms", "wall_clock", "elapsed_ms");

    /** Upstream {@code golden_diff_debug.py VOLATILE_FIELDS}. */
    private static final VolatileFields DIFF_CLASSIFIER = of("timestamp", "created_at", "updated_at", "duration_ms",
            "duration", "elapsed", "elapsed_ms", "latency", "latency_ms", "execution_time", "wall_time", "real_time",
            "started_at", "finished_at", "completed_at");

    private static final VolatileFields DEFAULTS = ENGINE_CANONICALIZE
            .with(ENGINE_EVENT_COMPARISON.names())
            .with(DIFF_CLASSIFIER.names())
            .with("run_id");

    private static final VolatileFields NONE = new VolatileFields(new TreeSet<>());

    // (java.util's sets, not Guava's immutable ones: every golden command sets up the engine's list at start-up, and
    // Guava's sorted sets load some fifty classes a short run has no other use for)
    /** Unmodifiable, sorted. */
    private final SortedSet<String> names;
    /** Hash lookup for the hot path; {@link #names} keeps the sorted view for reports. */
    private final Set<String> lookup;

    /** Takes over {@code names}, which nothing else may hold. */
    private VolatileFields(TreeSet<String> names) {
        this.names = Collections.unmodifiableSortedSet(names);
        this.lookup = Set.copyOf(names);
    }

    /**
     * The suite's one set for replay comparison: the union of upstream's three lists plus {@code run_id}.
     *
     * @return the set
     */
    public static VolatileFields defaults() {
        return DEFAULTS;
    }

    /**
     * The engine's canonicalisation list, exactly; {@code output_hash} depends on it.
     *
     * @return the set
     */
    public static VolatileFields engineCanonicalize() {
        return ENGINE_CANONICALIZE;
    }

    /**
     * The engine's event comparison list ({@code GoldenEvent.to_deterministic_dict}).
     *
     * @return the set
     */
    public static VolatileFields engineEventComparison() {
        return ENGINE_EVENT_COMPARISON;
    }

    /**
     * The upstream diff tool's list.
     *
     * @return the set
     */
    public static VolatileFields diffClassifier() {
        return DIFF_CLASSIFIER;
    }

    /**
     * No volatile fields: everything counts.
     *
     * @return the empty set
     */
    public static VolatileFields none() {
        return NONE;
    }

    /**
     * A set of exactly these names (lowercased as Python lowercases: {@link PyStr#lower}).
     *
     * @param names the field names
     * @return the set
     */
    public static VolatileFields of(String... names) {
        return of(Arrays.asList(names));
    }

    /**
     * A set of exactly these names (lowercased as Python lowercases: {@link PyStr#lower}).
     *
     * @param names the field names
     * @return the set
     */
    public static VolatileFields of(Collection<String> names) {
        TreeSet<String> sorted = new TreeSet<>();
        for (String name : names) {
            checkNotNull(name, "volatile field name");
            checkArgument(!name.isBlank(), "volatile field name is blank");
            sorted.add(PyStr.lower(name.trim()));
        }
        return new VolatileFields(sorted);
    }

    /**
     * This set plus {@code more}.
     *
     * @param more names to add
     * @return a new set
     */
    public VolatileFields with(String... more) {
        return with(Arrays.asList(more));
    }

    /**
     * This set plus {@code more}.
     *
     * @param more names to add
     * @return a new set
     */
    public VolatileFields with(Collection<String> more) {
        TreeSet<String> union = new TreeSet<>(names);
        union.addAll(of(more).names);
        return of(union);
    }

    /**
     * This set without {@code fewer}.
     *
     * @param fewer names to remove
     * @return a new set
     */
    public VolatileFields without(String... fewer) {
        Set<String> drop = of(fewer).names;
        return of(names.stream().filter(n -> !drop.contains(n)).toList());
    }

    /**
     * Whether a key is volatile; the key is lowercased first.
     *
     * @param key a JSON object key as written
     * @return whether it is volatile
     */
    public boolean contains(String key) {
        return lookup.contains(PyStr.lower(key));
    }

    /** Whether an already lowercased key is volatile. */
    boolean containsLowercased(String lowercasedKey) {
        return lookup.contains(lowercasedKey);
    }

    /**
     * The lowercased names, sorted.
     *
     * @return an immutable sorted set
     */
    public Set<String> names() {
        return names;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VolatileFields other && names.equals(other.names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return "VolatileFields" + names;
    }
}
