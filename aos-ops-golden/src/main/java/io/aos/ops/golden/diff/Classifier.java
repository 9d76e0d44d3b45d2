package io.aos.ops.golden.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

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

    private final DiffOptions options;

    Classifier(DiffOptions options) {
        this.options = options;
    }

    private Role role(RawDifference d) {
        if (d.key() == null) {
            // An element added, removed or moved changes the list of steps; a value that changed in place (the
            // whole document, a scalar line of a trace) is content like any other.
            return d.kind() == DiffKind.CHANGED || d.kind() == DiffKind.TYPE_CHANGED ? Role.CONTENT : Role.STRUCTURE;
        }
        if (FieldNames.isVolatile(d.key(), options.volatileFields())) {
            return Role.VOLATILE;
        }
        if (FieldNames.isHash(d.key())) {
            return Role.HASH;
        }
        if (FieldNames.isSeed(d.key())) {
            return Role.SEED;
        }
        if (FieldNames.normalise(d.key()).equals("index")) {
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

    DiffResult classify(List<RawDifference> raws, Map<String, Long> folded) {
        Map<String, Long> volatileCounts = new TreeMap<>(folded);
        Map<Integer, List<RawDifference>> byLocus = new TreeMap<>();
        Map<Integer, Locus> loci = new LinkedHashMap<>();
        for (RawDifference d : raws) {
            byLocus.computeIfAbsent(d.locus().order(), k -> new ArrayList<>()).add(d);
            loci.merge(d.locus().order(), d.locus(), (x, y) -> x.skill() != null ? x : y);
        }
        List<Difference> differences = new ArrayList<>(raws.size());
        List<Finding> findings = new ArrayList<>();
        Finding root = null;
        Verdict rootVerdict = null;
        boolean rootCascadesAll = false;
        int rootConsequences = 0;
        int rootIndexInFindings = -1;
        OptionalInt firstStep = OptionalInt.empty();

        // A step inserted or removed also changes the run header (steps_count, spec_hash): the header then follows
        // from the step list, so it is judged after the steps, as a consequence, unless its seed changed.
        boolean structural = raws.stream().anyMatch(d -> role(d) == Role.STRUCTURE);
        List<RawDifference> deferredStart = List.of();
        List<Map.Entry<Integer, List<RawDifference>>> pending = new ArrayList<>(byLocus.entrySet());
        Map.Entry<Integer, List<RawDifference>> deferredEntry = null;
        for (int next = 0; ; next++) {
            if (next == pending.size()) {
                if (root != null || deferredEntry == null) {
                    break;
                }
                // Nothing after the start explained it: the start is judged on its own, never dropped.
                structural = false;
                deferredStart = List.of();
                pending.add(deferredEntry);
                deferredEntry = null;
            }
            Map.Entry<Integer, List<RawDifference>> entry = pending.get(next);
            Locus locus = loci.get(entry.getKey());
            List<RawDifference> ds = entry.getValue();
            Verdict v = verdict(locus, ds);
            if (structural && locus.order() < 0 && v.category() != RootCause.SEED_MISMATCH
                    && v.category() != RootCause.EXPECTED_VOLATILE) {
                deferredStart = ds;
                deferredEntry = entry;
                continue;
            }
            if (v.category() == RootCause.EXPECTED_VOLATILE) {
                for (RawDifference d : ds) {
                    differences.add(toDifference(d, RootCause.EXPECTED_VOLATILE, OptionalInt.empty()));
                    volatileCounts.merge(String.valueOf(d.key()), 1L, Long::sum);
                }
                continue;
            }
            if (firstStep.isEmpty() && locus.isStep()) {
                firstStep = OptionalInt.of(locus.order());
            }
            if (root != null && (rootCascadesAll || onlyDerived(locus, ds))) {
                OptionalInt cause = root.step().isPresent() ? root.step() : OptionalInt.of(-1);
                for (RawDifference d : ds) {
                    if (role(d) == Role.VOLATILE) {
                        differences.add(toDifference(d, RootCause.EXPECTED_VOLATILE, OptionalInt.empty()));
                        volatileCounts.merge(String.valueOf(d.key()), 1L, Long::sum);
                    } else {
                        differences.add(toDifference(d, root.category(), cause));
                        rootConsequences++;
                    }
                }
                continue;
            }
            int evidenceCount = 0;
            int ownConsequences = 0;
            for (RawDifference d : ds) {
                boolean isVolatile = role(d) == Role.VOLATILE;
                if (role(d) == Role.HASH && !v.decidedByHash()) {
                    // The step's own output_hash changed because its output did: a consequence, not more evidence.
                    differences.add(toDifference(d, v.category(),
                            locus.isStep() ? locus.step() : OptionalInt.of(-1)));
                    ownConsequences++;
                } else if (isVolatile && !v.volatilesAreEvidence()) {
                    differences.add(toDifference(d, RootCause.EXPECTED_VOLATILE, OptionalInt.empty()));
                    volatileCounts.merge(String.valueOf(d.key()), 1L, Long::sum);
                } else {
                    differences.add(toDifference(d, v.category(), OptionalInt.empty()));
                    evidenceCount++;
                }
            }
            Finding f = new Finding(locus.step(), locus.label(), locus.skill(), v.category(), v.evidence(),
                    evidenceCount, ownConsequences);
            findings.add(f);
            if (root == null) {
                root = f;
                rootVerdict = v;
                rootIndexInFindings = findings.size() - 1;
                rootConsequences = ownConsequences;
                rootCascadesAll = ds.stream().anyMatch(d -> role(d) == Role.STRUCTURE)
                        || v.category() == RootCause.SEED_MISMATCH && !locus.isStep();
            }
        }
        if (root != null && !deferredStart.isEmpty()) {
            List<Difference> header = new ArrayList<>();
            for (RawDifference d : deferredStart) {
                if (role(d) == Role.VOLATILE) {
                    header.add(toDifference(d, RootCause.EXPECTED_VOLATILE, OptionalInt.empty()));
                    volatileCounts.merge(String.valueOf(d.key()), 1L, Long::sum);
                } else {
                    header.add(toDifference(d, root.category(),
                            root.step().isPresent() ? root.step() : OptionalInt.of(-1)));
                    rootConsequences++;
                }
            }
            differences.addAll(0, header);
        }
        if (root == null) {
            long count = volatileCounts.values().stream().mapToLong(Long::longValue).sum();
            StringBuilder fields = new StringBuilder();
            volatileCounts.forEach((k, n) -> fields.append(fields.length() == 0 ? "" : ", ").append(k));
            String evidence = count == 0
                    ? "The documents are equal."
                    : "Only fields that are volatile by definition differ (" + count + " differences in " + fields
                            + ") and no hash changed.";
            return new DiffResult(Severity.MATCH, null, OptionalInt.empty(), evidence, List.of(), differences,
                    volatileCounts);
        }
        Finding withConsequences = new Finding(root.step(), root.locus(), root.skill(), root.category(),
                root.evidence(), root.differences(), rootConsequences);
        findings.set(rootIndexInFindings, withConsequences);
        Severity severity = Severity.MATCH;
        for (Finding f : findings) {
            severity = severity.max(f.severity());
        }
        return new DiffResult(severity, rootVerdict.category(), firstStep, root.locus() + ": " + root.evidence(),
                findings, differences, volatileCounts);
    }

    /** Differences that only follow from an earlier divergence: hashes, seeds, step numbers, the run's end state. */
    private boolean onlyDerived(Locus locus, List<RawDifference> ds) {
        for (RawDifference d : ds) {
            Role r = role(d);
            if (r == Role.VOLATILE || r == Role.HASH || r == Role.SEED || r == Role.INDEX) {
                continue;
            }
            if (r == Role.CONTENT && locus.order() == Integer.MAX_VALUE) {
                continue;
            }
            return false;
        }
        return true;
    }

    private Verdict verdict(Locus locus, List<RawDifference> ds) {
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
            String ext = FieldNames.externalToken(locus.skill(), options.externalSkillTokens());
            if (ext != null) {
                return new Verdict(RootCause.EXTERNAL_CALL, "the hash " + h.path() + " changed with the seeds equal; "
                        + "skill " + locus.skill() + " is an external call (token '" + ext + "')", false, true);
            }
            return new Verdict(RootCause.DETERMINISM_VIOLATION, "the hash " + h.path() + " changed ("
                    + show(h.expected()) + " -> " + show(h.actual()) + ") while the seeds agree and no other "
                    + "recorded field differs", false, true);
        }
        if (!indexes.isEmpty()) {
            RawDifference d = indexes.get(0);
            return new Verdict(RootCause.DETERMINISM_VIOLATION, "the step index changed at " + d.path() + ": "
                    + show(d.expected()) + " -> " + show(d.actual()), false);
        }
        return new Verdict(RootCause.EXPECTED_VOLATILE, "only volatile fields differ", false);
    }

    private Verdict contentVerdict(Locus locus, List<RawDifference> content) {
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
        String ext = FieldNames.externalToken(locus.skill(), options.externalSkillTokens());
        if (ext != null) {
            return new Verdict(RootCause.EXTERNAL_CALL, "skill " + locus.skill() + " is an external call (token '"
                    + ext + "') and its output " + first.path() + " differs with the seeds equal", false);
        }
        if (content.stream().allMatch(d -> ValueShape.of(d.expected()) == ValueShape.UNIT_FLOAT
                && ValueShape.of(d.actual()) == ValueShape.UNIT_FLOAT)) {
            return new Verdict(RootCause.UNSEEDED_RNG, first.path() + " is a float in [0,1) on both sides ("
                    + show(first.expected()) + " vs " + show(first.actual())
                    + ") and differs while the seeds agree: an unseeded random draw", false);
        }
        String skill = locus.skill() == null ? "" : ", skill " + locus.skill() + " is not an external call";
        String what = first.path().isEmpty() ? "the whole document" : first.path();
        return new Verdict(RootCause.DETERMINISM_VIOLATION, "the seeds agree" + skill + ", but " + what
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
        return new Difference(d.path(), d.kind(), d.expected(), d.actual(), d.locus().step(), category,
                consequenceOf);
    }

    /** A value for a sentence: abbreviated (the Difference itself keeps it whole). */
    static String show(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "(absent)";
        }
        String s = v.toString();
        return s.length() <= VALUE_CHARS ? s : s.substring(0, VALUE_CHARS - 3) + "...";
    }
}
