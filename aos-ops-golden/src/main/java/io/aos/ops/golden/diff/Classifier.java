package io.aos.ops.golden.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.golden.json.GoldenJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Files every difference under a root cause, step by step, by evidence rather than by substrings of key names. The
 * first step whose differences are more than expected-volatile is the first divergence; later differences that only
 * follow from it (later step hashes, the workflow hash, the run status, and everything after a changed base seed or
 * an inserted or removed step) are grouped under it as consequences instead of being reported as violations of
 * their own. Whatever no rule explains is a DETERMINISM_VIOLATION: an unexplained difference is never OK.
 */
final class Classifier {

    /** What a differing field is, judged from its whole key tokens. */
    private enum Role { STRUCTURE, VOLATILE, HASH, SEED, INDEX, CONTENT }

    private static final int VALUE_CHARS = 60;
    private static final OptionalInt NONE = OptionalInt.empty();

    private final DiffOptions options;
    /**
     * The role of each key name met so far: a trace has few distinct keys and may have 100,000 differences, each
     * judged several times, and a role costs a tokenisation of the key.
     */
    private final Map<String, Role> roles = new java.util.HashMap<>();

    /** Whether a difference under this key is expected-volatile: its role, for a difference built later. */
    private final Predicate<String> volatileKey;

    Classifier(DiffOptions options) {
        this.options = options;
        java.util.Set<String> fields = options.volatileFields();
        this.volatileKey = key -> FieldNames.isVolatile(key, fields);
    }

    private Role role(RawDifference d) {
        return role(d.key(), d.kind());
    }

    private Role role(String key, DiffKind kind) {
        if (key == null) {
            // An element added, removed or moved changes the list of steps; a value that changed in place (the
            // whole document, a scalar line of a trace) is content like any other.
            return kind == DiffKind.CHANGED || kind == DiffKind.TYPE_CHANGED ? Role.CONTENT : Role.STRUCTURE;
        }
        return roles.computeIfAbsent(key, this::keyRole);
    }

    /** The roles of every difference {@code ds} holds or stands for, in order. */
    private List<Role> roles(List<RawDifference> ds) {
        List<Role> out = new ArrayList<>();
        for (RawDifference d : ds) {
            DeferredPair p = d.deferred();
            if (p == null) {
                out.add(role(d));
            } else {
                for (int k = 0; k < p.keys().length; k++) {
                    out.add(role(p.keys()[k], p.kinds()[k]));
                }
            }
        }
        return out;
    }

    private static boolean anyDeferred(List<RawDifference> ds) {
        for (RawDifference d : ds) {
            if (d.deferred() != null) {
                return true;
            }
        }
        return false;
    }

    /** {@code ds} with every deferred entry replaced by the differences it stands for, found again. */
    private static List<RawDifference> expand(List<RawDifference> ds) {
        if (!anyDeferred(ds)) {
            return ds;
        }
        List<RawDifference> out = new ArrayList<>();
        for (RawDifference d : ds) {
            if (d.deferred() == null) {
                out.add(d);
            } else {
                out.addAll(d.deferred().differences());
            }
        }
        return out;
    }

    /** The role of a difference under the object key {@code key}. */
    private Role keyRole(String key) {
        if (FieldNames.isVolatile(key, options.volatileFields())) {
            return Role.VOLATILE;
        }
        if (FieldNames.isHash(key)) {
            return Role.HASH;
        }
        if (FieldNames.isSeed(key)) {
            return Role.SEED;
        }
        if (FieldNames.normalise(key).equals("index")) {
            return Role.INDEX;
        }
        return Role.CONTENT;
    }

    /** One locus's verdict: a category, the sentence that decided it, and which differences are its evidence. */
    private record Verdict(RootCause category, String evidence, boolean volatilesAreEvidence, boolean decidedByHash) {

        Verdict(RootCause category, String evidence, boolean volatilesAreEvidence) {
            this(category, evidence, volatilesAreEvidence, false);
        }
    }

    /**
     * Files {@code raws} (in trace order) under root causes; {@code folded} holds the expected-volatile differences
     * the walk counted instead of listing them.
     */
    DiffResult classify(List<RawDifference> raws, Map<String, Long> folded) {
        List<PositionGroup> groups = PositionGroup.byPosition(raws);
        PositionGroup header = headerJudgedLast(groups, raws);
        Classification c = new Classification(folded);
        for (PositionGroup g : groups) {
            if (g != header) {
                c.judge(g);
            }
        }
        if (header != null) {
            if (c.root != null) {
                c.headerFollowsRoot(header);
            } else {
                // Nothing after the start explained it: the start is judged on its own, never dropped.
                c.judge(header);
            }
        }
        return c.result();
    }

    /** The differences of one locus (run start, a step, run end), in trace order. */
    private record PositionGroup(TracePosition position, List<RawDifference> differences) {

        /** Groups in locus order; a locus's skill is the first one any of its differences names. */
        static List<PositionGroup> byPosition(List<RawDifference> raws) {
            List<PositionGroup> runs = inRuns(raws);
            if (runs != null) {
                return runs;
            }
            Map<Integer, List<RawDifference>> byOrder = new TreeMap<>();
            Map<Integer, TracePosition> loci = new LinkedHashMap<>();
            for (RawDifference d : raws) {
                byOrder.computeIfAbsent(d.position().order(), k -> new ArrayList<>()).add(d);
                loci.merge(d.position().order(), d.position(), (x, y) -> x.skill() != null ? x : y);
            }
            List<PositionGroup> groups = new ArrayList<>(byOrder.size());
            byOrder.forEach((order, ds) -> groups.add(new PositionGroup(loci.get(order), ds)));
            return groups;
        }

        /**
         * The groups when the differences come in strictly increasing locus order, one run per locus (a trace walked
         * in order: every difference after an inserted step, 100,000 of them, without a map entry and a boxed key
         * each); null when a locus comes back or goes down, for {@link #byPosition} to sort.
         */
        private static List<PositionGroup> inRuns(List<RawDifference> raws) {
            List<PositionGroup> groups = new ArrayList<>();
            int n = raws.size();
            int from = 0;
            while (from < n) {
                TracePosition first = raws.get(from).position();
                int order = first.order();
                TracePosition locus = first;
                int to = from + 1;
                while (to < n && raws.get(to).position().order() == order) {
                    if (locus.skill() == null) {
                        locus = raws.get(to).position();
                    }
                    to++;
                }
                if (to < n && raws.get(to).position().order() < order) {
                    return null;
                }
                groups.add(new PositionGroup(locus, raws.subList(from, to)));
                from = to;
            }
            return groups;
        }
    }

    /**
     * A step inserted or removed also changes the run header (steps_count, spec_hash): the header then follows from
     * the step list, so it is judged after the steps, as a consequence, unless its seed changed. Returns the run
     * start's group in that case, else null.
     */
    private PositionGroup headerJudgedLast(List<PositionGroup> groups, List<RawDifference> raws) {
        if (groups.isEmpty() || groups.get(0).position().order() >= 0 || !roles(raws).contains(Role.STRUCTURE)) {
            return null;
        }
        PositionGroup start = groups.get(0);
        RootCause category = verdict(start.position(), expand(start.differences())).category();
        return category == RootCause.SEED_MISMATCH || category == RootCause.EXPECTED_VOLATILE ? null : start;
    }

    /** The first finding, which later loci may follow from, and how many differences follow from it. */
    private static final class Root {
        final Finding finding;
        final Verdict verdict;
        final int indexInFindings;
        /** A structural change or a changed base seed: everything after it follows from it. */
        final boolean cascadesAll;
        /** The step a consequence is filed under: the root's step, or -1 for the run start or end. */
        final OptionalInt cause;
        int consequences;

        Root(Finding finding, Verdict verdict, int indexInFindings, boolean cascadesAll) {
            this.finding = finding;
            this.verdict = verdict;
            this.indexInFindings = indexInFindings;
            this.cascadesAll = cascadesAll;
            this.cause = finding.step().isPresent() ? finding.step() : OptionalInt.of(-1);
            this.consequences = finding.consequences();
        }
    }

    /** One classification in progress: the differences filed so far, the findings, and the root once found. */
    private final class Classification {
        final Map<String, Long> volatileCounts;
        final DifferenceList.Builder differences = new DifferenceList.Builder();
        final List<Finding> findings = new ArrayList<>();
        Root root;
        OptionalInt firstStep = OptionalInt.empty();

        Classification(Map<String, Long> folded) {
            volatileCounts = new TreeMap<>(folded);
        }

        /** Judges one locus: expected-volatile, a consequence of the root, or a finding of its own. */
        void judge(PositionGroup g) {
            TracePosition locus = g.position();
            List<RawDifference> ds = g.differences();
            // verdict(...) is EXPECTED_VOLATILE exactly when every difference is volatile; the rest of the verdict
            // (a sentence, value shapes) is made only for a locus that becomes a finding: after an inserted step,
            // 50,000 later loci only follow from it.
            if (anyDeferred(ds) && judgedLater(locus, ds)) {
                return;
            }
            ds = expand(ds);
            OptionalInt step = locus.step();
            if (allVolatile(ds)) {
                for (RawDifference d : ds) {
                    differences.add(expectedVolatile(d, step));
                }
                return;
            }
            if (firstStep.isEmpty() && locus.isStep()) {
                firstStep = OptionalInt.of(locus.order());
            }
            if (root != null && (root.cascadesAll || onlyDerived(locus, ds))) {
                for (RawDifference d : ds) {
                    differences.add(followsRoot(d, step));
                }
                return;
            }
            addFinding(locus, ds, verdict(locus, ds));
        }

        /**
         * Judges a locus with deferred pairs as {@link #judge} would, from the roles of its differences, when it is
         * expected-volatile or follows from the root: its differences are then counted now and built when asked for.
         * False, with nothing done, when it needs its differences (it is a finding).
         */
        private boolean judgedLater(TracePosition locus, List<RawDifference> ds) {
            List<Role> rs = roles(ds);
            boolean allVolatile = rs.stream().allMatch(r -> r == Role.VOLATILE);
            if (!allVolatile) {
                if (firstStep.isEmpty() && locus.isStep()) {
                    firstStep = OptionalInt.of(locus.order());
                }
                if (root == null || !root.cascadesAll && !rs.stream().allMatch(r -> derived(locus, r))) {
                    return false;
                }
            }
            int consequences = 0;
            int k = 0;
            for (RawDifference d : ds) {
                String[] keys = d.deferred() == null ? new String[] {d.key()} : d.deferred().keys();
                for (String key : keys) {
                    if (rs.get(k++) == Role.VOLATILE) {
                        volatileCounts.merge(String.valueOf(key), 1L, Long::sum);
                    } else {
                        consequences++;
                    }
                }
            }
            if (allVolatile) {
                differences.addLater(ds, rs.size(), 0, RootCause.EXPECTED_VOLATILE, NONE, volatileKey);
            } else {
                root.consequences += consequences;
                differences.addLater(ds, rs.size(), consequences, root.finding.category(), root.cause, volatileKey);
            }
            return true;
        }

        private boolean allVolatile(List<RawDifference> ds) {
            for (RawDifference d : ds) {
                if (role(d) != Role.VOLATILE) {
                    return false;
                }
            }
            return true;
        }

        /** The run header judged after a structural root: its differences follow from it, listed first. */
        void headerFollowsRoot(PositionGroup header) {
            List<Difference> filed = new ArrayList<>();
            OptionalInt step = header.position().step();
            for (RawDifference d : expand(header.differences())) {
                filed.add(followsRoot(d, step));
            }
            differences.addFirst(filed);
        }

        private Difference expectedVolatile(RawDifference d, OptionalInt step) {
            volatileCounts.merge(String.valueOf(d.key()), 1L, Long::sum);
            return new Difference(d.path(), d.kind(), d.expected(), d.actual(), step, RootCause.EXPECTED_VOLATILE,
                    NONE);
        }

        private Difference followsRoot(RawDifference d, OptionalInt step) {
            if (role(d) == Role.VOLATILE) {
                return expectedVolatile(d, step);
            }
            root.consequences++;
            return new Difference(d.path(), d.kind(), d.expected(), d.actual(), step, root.finding.category(),
                    root.cause);
        }

        private void addFinding(TracePosition locus, List<RawDifference> ds, Verdict v) {
            int evidence = 0;
            int ownConsequences = 0;
            for (RawDifference d : ds) {
                Role role = role(d);
                if (role == Role.HASH && !v.decidedByHash()) {
                    // The step's own output_hash changed because its output did: a consequence, not more evidence.
                    differences.add(toDifference(d, v.category(), locus.isStep() ? locus.step() : OptionalInt.of(-1)));
                    ownConsequences++;
                } else if (role == Role.VOLATILE && !v.volatilesAreEvidence()) {
                    differences.add(expectedVolatile(d, d.position().step()));
                } else {
                    differences.add(toDifference(d, v.category(), OptionalInt.empty()));
                    evidence++;
                }
            }
            Finding f = new Finding(locus.step(), locus.label(), locus.skill(), v.category(), v.evidence(), evidence,
                    ownConsequences);
            findings.add(f);
            if (root == null) {
                boolean cascadesAll = ds.stream().anyMatch(d -> role(d) == Role.STRUCTURE)
                        || v.category() == RootCause.SEED_MISMATCH && !locus.isStep();
                root = new Root(f, v, findings.size() - 1, cascadesAll);
            }
        }

        DiffResult result() {
            if (root == null) {
                return match();
            }
            Finding r = root.finding;
            findings.set(root.indexInFindings, new Finding(r.step(), r.locus(), r.skill(), r.category(), r.evidence(),
                    r.differences(), root.consequences));
            Severity severity = Severity.MATCH;
            for (Finding f : findings) {
                severity = severity.max(f.severity());
            }
            return new DiffResult(severity, root.verdict.category(), firstStep, r.locus() + ": " + r.evidence(),
                    findings, differences.build(), volatileCounts);
        }

        private DiffResult match() {
            long count = volatileCounts.values().stream().mapToLong(Long::longValue).sum();
            StringBuilder fields = new StringBuilder();
            volatileCounts.forEach((k, n) -> fields.append(fields.length() == 0 ? "" : ", ").append(k));
            String evidence = count == 0
                    ? "The documents are equal."
                    : "Only fields that are volatile by definition differ (" + count + " differences in " + fields
                            + ") and no hash changed.";
            return new DiffResult(Severity.MATCH, null, OptionalInt.empty(), evidence, List.of(), differences.build(),
                    volatileCounts);
        }
    }

    /** Differences that only follow from an earlier divergence: hashes, seeds, step numbers, the run's end state. */
    private boolean onlyDerived(TracePosition locus, List<RawDifference> ds) {
        for (RawDifference d : ds) {
            if (!derived(locus, role(d))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a difference of role {@code r} at {@code locus} only follows from an earlier divergence. */
    private static boolean derived(TracePosition locus, Role r) {
        return r == Role.VOLATILE || r == Role.HASH || r == Role.SEED || r == Role.INDEX
                || r == Role.CONTENT && locus.order() == Integer.MAX_VALUE;
    }

    private Verdict verdict(TracePosition locus, List<RawDifference> ds) {
        List<RawDifference> structure = new ArrayList<>();
        List<RawDifference> volatiles = new ArrayList<>();
        List<RawDifference> hashes = new ArrayList<>();
        List<RawDifference> seeds = new ArrayList<>();
        List<RawDifference> indexes = new ArrayList<>();
        List<RawDifference> content = new ArrayList<>();
        for (RawDifference d : ds) {
            switch (role(d)) {
                case STRUCTURE -> structure.add(d);
                case VOLATILE -> volatiles.add(d);
                case HASH -> hashes.add(d);
                case SEED -> seeds.add(d);
                case INDEX -> indexes.add(d);
                default -> content.add(d);
            }
        }
        if (!structure.isEmpty()) {
            RawDifference d = structure.get(0);
            String where = d.kind() == DiffKind.ADDED ? "only in the actual trace" : "only in the expected trace";
            if (d.kind() == DiffKind.REORDERED) {
                return new Verdict(RootCause.DETERMINISM_VIOLATION,
                        "the event at " + d.path() + " moved: the steps ran in a different order", false);
            }
            return new Verdict(RootCause.DETERMINISM_VIOLATION,
                    "the event at " + d.path() + " is " + where + ": the list of steps changed", false);
        }
        if (!seeds.isEmpty()) {
            RawDifference d = seeds.get(0);
            return new Verdict(RootCause.SEED_MISMATCH, "the seed differs at " + d.path() + ": expected "
                    + show(d.expected()) + ", actual " + show(d.actual()), false);
        }
        if (!content.isEmpty()) {
            return contentVerdict(locus, content);
        }
        if (!hashes.isEmpty()) {
            RawDifference h = hashes.get(0);
            if (!volatiles.isEmpty()) {
                Set<String> keys = new LinkedHashSet<>();
                volatiles.forEach(d -> keys.add(d.key()));
                return new Verdict(RootCause.VOLATILE_LEAK, h.path() + " changed although only volatile fields ("
                        + String.join(", ", keys) + ") differ here: a volatile value reached the hash", true, true);
            }
            SkillJudgement skill = SkillJudgement.of(locus.skill(), options);
            if (skill.is(SkillKind.EXTERNAL_CALL)) {
                return new Verdict(RootCause.EXTERNAL_CALL, "the hash " + h.path() + " changed with the seeds equal; "
                        + "skill " + locus.skill() + " " + skill.because(), false, true);
            }
            if (skill.is(SkillKind.RANDOM)) {
                return new Verdict(RootCause.UNSEEDED_RNG, "the hash " + h.path() + " changed with the seeds equal; "
                        + "skill " + locus.skill() + " " + skill.because() + ": a draw not seeded from the run's seed",
                        false, true);
            }
            String pure = skill.is(SkillKind.PURE) ? ", skill " + locus.skill() + " " + skill.because() + "," : "";
            return new Verdict(RootCause.DETERMINISM_VIOLATION, "the hash " + h.path() + " changed ("
                    + show(h.expected()) + " -> " + show(h.actual()) + ") while the seeds agree" + pure
                    + " and no other recorded field differs", false, true);
        }
        if (!indexes.isEmpty()) {
            RawDifference d = indexes.get(0);
            return new Verdict(RootCause.DETERMINISM_VIOLATION, "the step index changed at " + d.path() + ": "
                    + show(d.expected()) + " -> " + show(d.actual()), false);
        }
        return new Verdict(RootCause.EXPECTED_VOLATILE, "only volatile fields differ", false);
    }

    private Verdict contentVerdict(TracePosition locus, List<RawDifference> content) {
        RawDifference first = content.get(0);
        if (content.stream().allMatch(d -> d.kind() == DiffKind.REORDERED)) {
            return new Verdict(RootCause.UNORDERED_COLLECTION, first.path()
                    + " holds the same elements in a different order", false);
        }
        if (content.stream().allMatch(this::withinTolerance)) {
            return new Verdict(RootCause.FLOAT_PRECISION, first.path() + " is " + show(first.expected())
                    + " vs " + show(first.actual()) + ": equal within the numeric tolerance", false);
        }
        ValueShape shape = ValueShape.of(first.expected().isMissingNode() ? first.actual() : first.expected());
        if (content.stream().allMatch(Classifier::sameClockOrIdShape)) {
            return new Verdict(RootCause.VOLATILE_LEAK, first.path() + " holds " + shape.description()
                    + " under a key that is not volatile: a clock or generated-id value leaked "
                    + "into the output", false);
        }
        for (RawDifference d : content) {
            if (FieldNames.isRandom(d.key())) {
                return new Verdict(RootCause.UNSEEDED_RNG, d.path() + " differs while the seeds agree, and its key '"
                        + d.key() + "' names a random value", false);
            }
        }
        SkillJudgement skill = SkillJudgement.of(locus.skill(), options);
        if (skill.is(SkillKind.EXTERNAL_CALL)) {
            return new Verdict(RootCause.EXTERNAL_CALL, "skill " + locus.skill() + " " + skill.because()
                    + " and its output " + first.path() + " differs with the seeds equal", false);
        }
        if (skill.is(SkillKind.RANDOM)) {
            return new Verdict(RootCause.UNSEEDED_RNG, "skill " + locus.skill() + " " + skill.because()
                    + " and its output " + first.path() + " differs while the seeds agree: a draw not seeded from "
                    + "the run's seed", false);
        }
        if (content.stream().allMatch(d -> ValueShape.of(d.expected()) == ValueShape.UNIT_FLOAT
                && ValueShape.of(d.actual()) == ValueShape.UNIT_FLOAT)) {
            return new Verdict(RootCause.UNSEEDED_RNG, first.path() + " is a float in [0,1) on both sides ("
                    + show(first.expected()) + " vs " + show(first.actual())
                    + ") and differs while the seeds agree: an unseeded random draw", false);
        }
        String skillSays = locus.skill() == null ? ""
                : ", skill " + locus.skill() + (skill.is(SkillKind.PURE) ? " " + skill.because()
                        : " is not an external call");
        String what = first.path().isEmpty() ? "the whole document" : first.path();
        return new Verdict(RootCause.DETERMINISM_VIOLATION, "the seeds agree" + skillSays + ", but " + what
                + " " + first.kind().label() + ": expected " + show(first.expected()) + ", actual "
                + show(first.actual()), false);
    }

    /** Both sides hold the same clock/id shape, or the one side present holds one (a field that appeared). */
    private static boolean sameClockOrIdShape(RawDifference d) {
        ValueShape a = ValueShape.of(d.expected());
        ValueShape b = ValueShape.of(d.actual());
        return switch (d.kind()) {
            case CHANGED -> a.isClockOrId() && a == b;
            case ADDED -> b.isClockOrId();
            case REMOVED -> a.isClockOrId();
            default -> false;
        };
    }

    private boolean withinTolerance(RawDifference d) {
        JsonNode a = d.expected();
        JsonNode b = d.actual();
        if (!a.isNumber() || !b.isNumber()) {
            return false;
        }
        if (StructuralDiff.sameNumber(a, b)) {
            return true;
        }
        if (a.isIntegralNumber() && b.isIntegralNumber()) {
            // two different integers are never rounding noise, however close (a counter or a clock in
            // milliseconds one apart is within 1e-9 of itself)
            return false;
        }
        double x = a.doubleValue();
        double y = b.doubleValue();
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            // an overflow, an infinity or NaN against another value is a different value, not rounding noise
            return false;
        }
        double diff = Math.abs(x - y);
        return diff <= options.absoluteTolerance()
                || diff <= options.relativeTolerance() * Math.max(Math.abs(x), Math.abs(y));
    }

    private static Difference toDifference(RawDifference d, RootCause category, OptionalInt consequenceOf) {
        return new Difference(d.path(), d.kind(), d.expected(), d.actual(), d.position().step(), category,
                consequenceOf);
    }

    /** A value for a sentence: abbreviated (the Difference itself keeps it whole). */
    static String show(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "(absent)";
        }
        String s = GoldenJson.display(v);
        return s.length() <= VALUE_CHARS ? s : s.substring(0, VALUE_CHARS - 3) + "...";
    }
}
