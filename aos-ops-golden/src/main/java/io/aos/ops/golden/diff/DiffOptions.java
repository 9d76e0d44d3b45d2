package io.aos.ops.golden.diff;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.util.concurrent.MoreExecutors;
import io.aos.ops.golden.hash.VolatileFields;
import io.aos.ops.golden.json.PyStr;
import java.util.Collection;
import java.util.List;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * What the diff treats as identity, volatile, external and "equal enough". Immutable; start from {@link #defaults()}
 * and change one thing at a time with the {@code with...} methods.
 *
 * <ul>
 *   <li><b>identity keys</b>: how array elements are matched, tried in order; the first key present in every
 *       element of both arrays and unique within each wins. A key is one or more dot paths joined by {@code +}.
 *       Default: {@code event_type+data.step_id}, {@code event_type+data.index}, {@code step_id}, {@code index},
 *       {@code id}, {@code name}.</li>
 *   <li><b>volatile fields</b>: key names (whole, normalised to lower snake case) whose values change from run to run
 *       by definition. Also volatile: any key whose last token is {@code at} ({@code generated_at}) and any key
 *       with a token {@code timestamp}, {@code duration}, {@code latency} or {@code elapsed}.</li>
 *   <li><b>skill kinds</b>: which skills are external calls, draw random numbers or are pure, declared in a
 *       {@link SkillRegistry}; an undeclared skill whose name has one of the <b>external skill tokens</b> as a whole
 *       token calls out of the process ({@code llm_call}, {@code http_get}, {@code fetchUrl}) unless its name also
 *       says {@code stub}, {@code mock} or {@code fake}; default tokens {@value #EXTERNAL_TOKENS_DOC}.</li>
 *   <li><b>tolerances</b>: two numbers within the absolute or relative tolerance are FLOAT_PRECISION, not a
 *       violation; default 1e-9 each.</li>
 *   <li><b>executor</b>: where work besides the calling thread may run; default none (see {@link #withExecutor}).</li>
 * </ul>
 *
 * <p>Thread safety: immutable, so one instance may be shared by any number of threads and diffs.
 */
public final class DiffOptions {

    static final String EXTERNAL_TOKENS_DOC =
            "http, https, api, fetch, llm, openai, web, webhook, url, request, remote, external, grpc, rest, download";

    /**
     * The suite's one volatile set ({@link VolatileFields#defaults()}: upstream's three lists merged, plus
     * {@code run_id}), plus what else a replay changes by design: its {@code replay} flag and {@code replay_run_id}.
     */
    public static final Set<String> DEFAULT_VOLATILE_FIELDS = VolatileFields.defaults()
            .with("replay", "replay_run_id").names();

    /** The name tokens that mark an undeclared skill as an external call: {@value #EXTERNAL_TOKENS_DOC}. */
    public static final Set<String> DEFAULT_EXTERNAL_SKILL_TOKENS = ImmutableSet.copyOf(
            EXTERNAL_TOKENS_DOC.split(", "));

    /** The identity keys tried by default, in order. */
    public static final List<String> DEFAULT_IDENTITY_KEYS = ImmutableList.of(
            "event_type+data.step_id", "event_type+data.index", "step_id", "index", "id", "name");

    /**
     * Below this many events a trace is compared on the calling thread alone, whatever the executor: splitting a
     * small trace costs more than it saves.
     */
    public static final int DEFAULT_PARALLEL_THRESHOLD = 20_000;

    private static final DiffOptions DEFAULTS = new DiffOptions(DEFAULT_IDENTITY_KEYS, DEFAULT_VOLATILE_FIELDS,
            DEFAULT_EXTERNAL_SKILL_TOKENS, 1e-9, 1e-9, 2_000, false, MoreExecutors.directExecutor(),
            DEFAULT_PARALLEL_THRESHOLD, SkillRegistry.empty());

    private final ImmutableList<String> identityKeys;
    private final ImmutableSet<String> volatileFields;
    private final ImmutableSet<String> externalSkillTokens;
    private final double absoluteTolerance;
    private final double relativeTolerance;
    private final int maxAlignmentEdits;
    private final boolean listExpectedVolatile;
    private final Executor executor;
    private final int parallelThreshold;
    private final SkillRegistry skills;

    private DiffOptions(Collection<String> identityKeys, Collection<String> volatileFields,
            Collection<String> externalSkillTokens, double absoluteTolerance, double relativeTolerance,
            int maxAlignmentEdits, boolean listExpectedVolatile, Executor executor, int parallelThreshold,
            SkillRegistry skills) {
        this.listExpectedVolatile = listExpectedVolatile;
        this.identityKeys = ImmutableList.copyOf(identityKeys);
        this.volatileFields = volatileFields.stream().map(FieldNames::normalise).collect(ImmutableSet.toImmutableSet());
        this.externalSkillTokens = externalSkillTokens.stream().map(PyStr::lower)
                .collect(ImmutableSet.toImmutableSet());
        this.absoluteTolerance = absoluteTolerance;
        this.relativeTolerance = relativeTolerance;
        this.maxAlignmentEdits = maxAlignmentEdits;
        this.executor = executor;
        this.parallelThreshold = parallelThreshold;
        this.skills = skills;
    }

    /** A copy of these options in which {@code change} replaces one setting (the constructor normalises again). */
    private DiffOptions copy(java.util.function.Consumer<Settings> change) {
        Settings s = new Settings(this);
        change.accept(s);
        return new DiffOptions(s.identityKeys, s.volatileFields, s.externalSkillTokens, s.absoluteTolerance,
                s.relativeTolerance, s.maxAlignmentEdits, s.listExpectedVolatile, s.executor, s.parallelThreshold,
                s.skills);
    }

    /** The settings of one {@link #copy}, mutable while it is being made. */
    private static final class Settings {
        Collection<String> identityKeys;
        Collection<String> volatileFields;
        Collection<String> externalSkillTokens;
        double absoluteTolerance;
        double relativeTolerance;
        int maxAlignmentEdits;
        boolean listExpectedVolatile;
        Executor executor;
        int parallelThreshold;
        SkillRegistry skills;

        Settings(DiffOptions o) {
            identityKeys = o.identityKeys;
            volatileFields = o.volatileFields;
            externalSkillTokens = o.externalSkillTokens;
            absoluteTolerance = o.absoluteTolerance;
            relativeTolerance = o.relativeTolerance;
            maxAlignmentEdits = o.maxAlignmentEdits;
            listExpectedVolatile = o.listExpectedVolatile;
            executor = o.executor;
            parallelThreshold = o.parallelThreshold;
            skills = o.skills;
        }
    }

    /**
     * The default options: the identity keys, volatile fields and external skill tokens listed above, tolerances of
     * 1e-9, at most 2,000 alignment edits, expected-volatile differences counted rather than listed, no declared
     * skills, and every comparison on the calling thread.
     *
     * @return the shared default instance
     */
    public static DiffOptions defaults() {
        return DEFAULTS;
    }

    /**
     * How array elements (a trace's events) are matched, tried in order.
     *
     * @param keys identity keys, each one or more dot paths joined by {@code +}
     * @return a copy with these identity keys
     * @throws NullPointerException if {@code keys} is null
     * @throws IllegalArgumentException if a key is blank
     */
    public DiffOptions withIdentityKeys(List<String> keys) {
        checkNotNull(keys, "keys");
        keys.forEach(k -> checkArgument(!k.isBlank(), "an identity key must not be blank: %s", keys));
        return copy(s -> s.identityKeys = keys);
    }

    /**
     * The key names whose values change from run to run by definition (replacing the defaults).
     *
     * @param fields key names, normalised to lower snake case
     * @return a copy with these volatile fields
     * @throws NullPointerException if {@code fields} is null
     */
    public DiffOptions withVolatileFields(Collection<String> fields) {
        checkNotNull(fields, "fields");
        return copy(s -> s.volatileFields = fields);
    }

    /**
     * The volatile fields of a {@link VolatileFields} set (replacing the defaults).
     *
     * @param fields the set whose names are used
     * @return a copy with these volatile fields
     * @throws NullPointerException if {@code fields} is null
     */
    public DiffOptions withVolatileFields(VolatileFields fields) {
        checkNotNull(fields, "fields");
        return withVolatileFields(fields.names());
    }

    /**
     * The name tokens that mark an undeclared skill as an external call (replacing the defaults); see
     * {@link SkillRegistry} for the whole rule and for declaring skills instead.
     *
     * @param tokens whole, case-insensitive name tokens such as {@code http}
     * @return a copy with these tokens
     * @throws NullPointerException if {@code tokens} is null
     */
    public DiffOptions withExternalSkillTokens(Collection<String> tokens) {
        checkNotNull(tokens, "tokens");
        return copy(s -> s.externalSkillTokens = tokens);
    }

    /**
     * How far apart two numbers may be and still count as FLOAT_PRECISION rather than a violation.
     *
     * @param absolute the largest absolute difference, {@code >= 0}
     * @param relative the largest difference relative to the larger magnitude, {@code >= 0}
     * @return a copy with these tolerances
     * @throws IllegalArgumentException if either is negative
     */
    public DiffOptions withTolerance(double absolute, double relative) {
        checkArgument(absolute >= 0 && relative >= 0, "tolerances must be >= 0, got %s and %s", absolute, relative);
        return copy(s -> {
            s.absoluteTolerance = absolute;
            s.relativeTolerance = relative;
        });
    }

    /**
     * Above this many inserted plus deleted elements a sequence alignment stops and the arrays are compared by index
     * (the last resort), so two unrelated 100,000-element arrays cannot take quadratic time.
     *
     * @param edits the most edits an alignment may find, {@code >= 0}
     * @return a copy with this limit
     * @throws IllegalArgumentException if {@code edits} is negative
     */
    public DiffOptions withMaxAlignmentEdits(int edits) {
        checkArgument(edits >= 0, "max alignment edits must be >= 0, got %s", edits);
        return copy(s -> s.maxAlignmentEdits = edits);
    }

    /**
     * Whether {@link DiffResult#differences()} lists every expected-volatile difference. Off by default: an event
     * whose only differences are volatile fields is counted per field ({@link DiffResult#expectedVolatile()})
     * instead, which keeps a 100,000-step replay (every timestamp differs) small. {@code --verbose} turns it on.
     *
     * @param list true to list them
     * @return a copy with this setting
     */
    public DiffOptions withExpectedVolatileListed(boolean list) {
        return copy(s -> s.listExpectedVolatile = list);
    }

    /**
     * Where a diff may run work besides the calling thread. By default nothing runs anywhere else: the diff of two
     * files reads them one after the other and compares every event on the calling thread. Given an executor with
     * a free thread (a pool shared by the service, sized to its cores), {@link GoldenDiff#compare(Path, Path,
     * DiffOptions)} reads the expected file on it while the calling thread reads the actual one, and a trace of at
     * least {@link #parallelThreshold()} events is compared in parts that the calling thread and one task on the
     * executor take in turn. The result is the same either way. What no thread of the executor has begun when the
     * calling thread needs it, the calling thread does itself, so an executor that is busy, saturated or never runs
     * its tasks (even one that queues to the caller's own single thread) costs time, never a hang.
     *
     * @param executor the executor to hand work to; {@link MoreExecutors#directExecutor()} for the calling thread
     * @return a copy that uses this executor
     * @throws NullPointerException if {@code executor} is null
     */
    public DiffOptions withExecutor(Executor executor) {
        checkNotNull(executor, "executor");
        return copy(s -> s.executor = executor);
    }

    /**
     * From how many events on a trace is split between two threads when an executor is given ({@link #withExecutor});
     * default {@value #DEFAULT_PARALLEL_THRESHOLD}. Tests lower it to run the split on small traces.
     *
     * @param events the smallest trace that is split, {@code >= 2}
     * @return a copy with this threshold
     * @throws IllegalArgumentException if {@code events} is less than 2
     */
    public DiffOptions withParallelThreshold(int events) {
        checkArgument(events >= 2, "the parallel threshold must be >= 2 events, got %s", events);
        return copy(s -> s.parallelThreshold = events);
    }

    /**
     * What the embedding service knows about its skills: which are external calls, which draw random numbers,
     * which are pure. A declared kind replaces the guess from the skill's name; see {@link SkillRegistry}.
     *
     * @param registry the declared skills ({@link SkillRegistry#empty()} to guess every skill from its name)
     * @return a copy that uses this registry
     * @throws NullPointerException if {@code registry} is null
     */
    public DiffOptions withSkillRegistry(SkillRegistry registry) {
        checkNotNull(registry, "registry");
        return copy(s -> s.skills = registry);
    }

    /** @return whether every expected-volatile difference is listed, see {@link #withExpectedVolatileListed} */
    public boolean listExpectedVolatile() {
        return listExpectedVolatile;
    }

    /** @return the identity keys, in the order they are tried */
    public List<String> identityKeys() {
        return identityKeys;
    }

    /** @return the volatile key names, normalised to lower snake case */
    public Set<String> volatileFields() {
        return volatileFields;
    }

    /** @return the lower-case name tokens that mark an undeclared skill as an external call */
    public Set<String> externalSkillTokens() {
        return externalSkillTokens;
    }

    /** @return the absolute numeric tolerance */
    public double absoluteTolerance() {
        return absoluteTolerance;
    }

    /** @return the relative numeric tolerance */
    public double relativeTolerance() {
        return relativeTolerance;
    }

    /** @return the most edits an alignment may find before it falls back to comparing by index */
    public int maxAlignmentEdits() {
        return maxAlignmentEdits;
    }

    /** @return where work besides the calling thread runs; the direct executor (the default) runs it in place */
    public Executor executor() {
        return executor;
    }

    /** @return the smallest trace split between two threads when an executor is given */
    public int parallelThreshold() {
        return parallelThreshold;
    }

    /** @return the declared skill kinds */
    public SkillRegistry skillRegistry() {
        return skills;
    }

    /** Whether work may be handed to another thread: an executor other than the calling thread was given. */
    boolean runsInParallel() {
        return executor != MoreExecutors.directExecutor();
    }
}
