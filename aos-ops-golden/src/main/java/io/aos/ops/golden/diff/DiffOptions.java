package io.aos.ops.golden.diff;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.aos.ops.golden.hash.VolatileFields;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the diff treats as identity, volatile, external and "equal enough". Immutable; start from {@link #defaults()}
 * and change one thing at a time with the {@code with...} methods.
 *
 * <ul>
 *   <li><b>identity keys</b>: how array elements are matched, tried in order; the first key present in every
 *       element of both arrays and unique within each wins. A key is one or more dot paths joined by {@code +}.
 *       Default: {@code event_type+data.step_id}, {@code event_type+data.index}, {@code step_id}, {@code index}, {@code id}, {@code name}.</li>
 *   <li><b>volatile fields</b>: key names (whole, normalised to lower snake case) whose values change from run to run
 *       by definition. Also volatile: any key whose last token is {@code at} ({@code generated_at}) and any key
 *       with a token {@code timestamp}, {@code duration}, {@code latency} or {@code elapsed}.</li>
 *   <li><b>external skill tokens</b>: a skill whose name has one of these whole tokens calls out of the process
 *       ({@code llm_stub}, {@code http_get}, {@code fetchUrl}); default {@value #EXTERNAL_TOKENS_DOC}.</li>
 *   <li><b>tolerances</b>: two numbers within the absolute or relative tolerance are FLOAT_PRECISION, not a
 *       violation; default 1e-9 each.</li>
 * </ul>
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

    public static final Set<String> DEFAULT_EXTERNAL_SKILL_TOKENS = ImmutableSet.copyOf(
            EXTERNAL_TOKENS_DOC.split(", "));

    public static final List<String> DEFAULT_IDENTITY_KEYS = ImmutableList.of(
            "event_type+data.step_id", "event_type+data.index", "step_id", "index", "id", "name");

    private static final DiffOptions DEFAULTS = new DiffOptions(DEFAULT_IDENTITY_KEYS, DEFAULT_VOLATILE_FIELDS,
            DEFAULT_EXTERNAL_SKILL_TOKENS, 1e-9, 1e-9, 2_000, false);

    private final ImmutableList<String> identityKeys;
    private final ImmutableSet<String> volatileFields;
    private final ImmutableSet<String> externalSkillTokens;
    private final double absoluteTolerance;
    private final double relativeTolerance;
    private final int maxAlignmentEdits;
    private final boolean listExpectedVolatile;

    private DiffOptions(Collection<String> identityKeys, Collection<String> volatileFields,
            Collection<String> externalSkillTokens, double absoluteTolerance, double relativeTolerance,
            int maxAlignmentEdits, boolean listExpectedVolatile) {
        this.listExpectedVolatile = listExpectedVolatile;
        this.identityKeys = ImmutableList.copyOf(identityKeys);
        this.volatileFields = volatileFields.stream().map(FieldNames::normalise).collect(ImmutableSet.toImmutableSet());
        this.externalSkillTokens = externalSkillTokens.stream().map(t -> t.toLowerCase(Locale.ROOT))
                .collect(ImmutableSet.toImmutableSet());
        this.absoluteTolerance = absoluteTolerance;
        this.relativeTolerance = relativeTolerance;
        this.maxAlignmentEdits = maxAlignmentEdits;
    }

    public static DiffOptions defaults() {
        return DEFAULTS;
    }

    public DiffOptions withIdentityKeys(List<String> keys) {
        checkNotNull(keys, "keys");
        keys.forEach(k -> checkArgument(!k.isBlank(), "an identity key must not be blank: %s", keys));
        return new DiffOptions(keys, volatileFields, externalSkillTokens, absoluteTolerance, relativeTolerance,
                maxAlignmentEdits, listExpectedVolatile);
    }

    public DiffOptions withVolatileFields(Collection<String> fields) {
        checkNotNull(fields, "fields");
        return new DiffOptions(identityKeys, fields, externalSkillTokens, absoluteTolerance, relativeTolerance,
                maxAlignmentEdits, listExpectedVolatile);
    }

    public DiffOptions withVolatileFields(VolatileFields fields) {
        checkNotNull(fields, "fields");
        return withVolatileFields(fields.names());
    }

    public DiffOptions withExternalSkillTokens(Collection<String> tokens) {
        checkNotNull(tokens, "tokens");
        return new DiffOptions(identityKeys, volatileFields, tokens, absoluteTolerance, relativeTolerance,
                maxAlignmentEdits, listExpectedVolatile);
    }

    public DiffOptions withTolerance(double absolute, double relative) {
        checkArgument(absolute >= 0 && relative >= 0, "tolerances must be >= 0, got %s and %s", absolute, relative);
        return new DiffOptions(identityKeys, volatileFields, externalSkillTokens, absolute, relative,
                maxAlignmentEdits, listExpectedVolatile);
    }

    /**
     * Above this many inserted plus deleted elements a sequence alignment stops and the arrays are compared by index
     * (the last resort), so two unrelated 100,000-element arrays cannot take quadratic time.
     */
    public DiffOptions withMaxAlignmentEdits(int edits) {
        checkArgument(edits >= 0, "max alignment edits must be >= 0, got %s", edits);
        return new DiffOptions(identityKeys, volatileFields, externalSkillTokens, absoluteTolerance, relativeTolerance,
                edits, listExpectedVolatile);
    }

    /**
     * Whether {@link DiffResult#differences()} lists every expected-volatile difference. Off by default: an event
     * whose only differences are volatile fields is counted per field ({@link DiffResult#expectedVolatile()})
     * instead, which keeps a 100,000-step replay (every timestamp differs) small. {@code --verbose} turns it on.
     */
    public DiffOptions withExpectedVolatileListed(boolean list) {
        return new DiffOptions(identityKeys, volatileFields, externalSkillTokens, absoluteTolerance, relativeTolerance,
                maxAlignmentEdits, list);
    }

    public boolean listExpectedVolatile() {
        return listExpectedVolatile;
    }

    public List<String> identityKeys() {
        return identityKeys;
    }

    public Set<String> volatileFields() {
        return volatileFields;
    }

    public Set<String> externalSkillTokens() {
        return externalSkillTokens;
    }

    public double absoluteTolerance() {
        return absoluteTolerance;
    }

    public double relativeTolerance() {
        return relativeTolerance;
    }

    public int maxAlignmentEdits() {
        return maxAlignmentEdits;
    }
}
