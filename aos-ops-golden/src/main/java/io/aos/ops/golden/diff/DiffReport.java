package io.aos.ops.golden.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.golden.json.GoldenJson;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link DiffResult} for people (verdict first, then the root cause and its evidence, then the differences
 * grouped under their findings) and as the stable JSON schema of {@code aos-ops golden diff --json}, documented in
 * docs/golden-traces.md. Displays abbreviate long values; the JSON never does. Stateless and thread-safe.
 */
public final class DiffReport {

    /** Version of the JSON shape; bumped only on an incompatible change. */
    public static final int SCHEMA_VERSION = 1;

    private static final int DISPLAY_CHARS = 100;
    private static final int EVIDENCE_LINES_PER_FINDING = 10;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private DiffReport() {
    }

    /**
     * The JSON report. Without {@code verbose} the expected-volatile differences are counted per field in
     * {@code expected_volatile} instead of being listed, and {@code differences_omitted} says how many were left out.
     * Values are complete, never abbreviated.
     *
     * @param r the diff to render
     * @param expected how to name the expected file in the report (its path, usually)
     * @param actual how to name the actual file in the report
     * @param verbose whether to list the expected-volatile differences {@code r} holds too
     * @return a new JSON object of schema {@link #SCHEMA_VERSION}; its difference values are the nodes of {@code r},
     *     not copies
     */
    public static ObjectNode json(DiffResult r, String expected, String actual, boolean verbose) {
        ObjectNode root = F.objectNode();
        root.put("schema_version", SCHEMA_VERSION);
        root.put("expected", expected);
        root.put("actual", actual);
        root.put("severity", r.severity().name());
        root.put("is_match", r.matches());
        root.put("root_cause", r.rootCause().map(Enum::name).orElse(null));
        if (r.firstDivergingStep().isPresent()) {
            root.put("first_diverging_step", r.firstDivergingStep().getAsInt());
        } else {
            root.putNull("first_diverging_step");
        }
        root.put("evidence", r.evidence());
        ArrayNode findings = root.putArray("findings");
        for (Finding f : r.findings()) {
            ObjectNode o = findings.addObject();
            o.put("locus", f.locus());
            if (f.step().isPresent()) {
                o.put("step", f.step().getAsInt());
            } else {
                o.putNull("step");
            }
            o.put("skill", f.skill());
            o.put("category", f.category().name());
            o.put("severity", f.severity().name());
            o.put("evidence", f.evidence());
            o.put("differences", f.differences());
            o.put("consequences", f.consequences());
        }
        Map<RootCause, Long> byCategory = new EnumMap<>(RootCause.class);
        Map<DiffKind, Long> byKind = new EnumMap<>(DiffKind.class);
        long listedVolatile = 0;
        for (Difference d : r.differences()) {
            if (d.category() == RootCause.EXPECTED_VOLATILE) {
                listedVolatile++;
                continue;
            }
            byCategory.merge(d.category(), 1L, Long::sum);
            byKind.merge(d.kind(), 1L, Long::sum);
        }
        long volatileTotal = r.expectedVolatileCount();
        if (volatileTotal > 0) {
            byCategory.put(RootCause.EXPECTED_VOLATILE, volatileTotal);
        }
        ObjectNode counts = root.putObject("counts");
        counts.put("differences", r.differences().size() - listedVolatile + volatileTotal);
        ObjectNode cat = counts.putObject("by_category");
        byCategory.forEach((k, v) -> cat.put(k.name(), v));
        ObjectNode kind = counts.putObject("by_kind");
        byKind.forEach((k, v) -> kind.put(k.label(), v));
        ObjectNode ev = root.putObject("expected_volatile");
        ev.put("count", volatileTotal);
        ObjectNode fields = ev.putObject("fields");
        r.expectedVolatile().forEach(fields::put);
        ArrayNode list = root.putArray("differences");
        long listed = 0;
        for (Difference d : r.differences()) {
            if (!verbose && d.category() == RootCause.EXPECTED_VOLATILE) {
                continue;
            }
            listed += d.category() == RootCause.EXPECTED_VOLATILE ? 1 : 0;
            list.add(json(d));
        }
        root.put("differences_omitted", volatileTotal - listed);
        return root;
    }

    private static ObjectNode json(Difference d) {
        ObjectNode o = F.objectNode();
        o.put("path", d.path());
        o.put("kind", d.kind().label());
        if (d.step().isPresent()) {
            o.put("step", d.step().getAsInt());
        } else {
            o.putNull("step");
        }
        o.put("category", d.category().name());
        if (d.consequenceOf().isPresent()) {
            o.put("consequence_of", d.consequenceOf().getAsInt());
        } else {
            o.putNull("consequence_of");
        }
        if (!d.expected().isMissingNode()) {
            o.set("expected", d.expected());
        }
        if (!d.actual().isMissingNode()) {
            o.set("actual", d.actual());
        }
        o.put("expected_type", type(d.expected()));
        o.put("actual_type", type(d.actual()));
        return o;
    }

    /** The JSON type: object, array, string, integer, number (with a fraction or exponent), boolean, null, absent. */
    static String type(JsonNode v) {
        if (v.isMissingNode()) {
            return "absent";
        }
        if (v.isIntegralNumber()) {
            return "integer";
        }
        return v.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /**
     * The human report: the verdict first, then the root cause and its evidence, then each finding with up to ten of
     * its differences; long values are abbreviated to about 100 characters. Without {@code verbose} the consequences
     * and expected-volatile differences are only counted.
     *
     * @param r the diff to render
     * @param expected how to name the expected file in the report (its path, usually)
     * @param actual how to name the actual file in the report
     * @param verbose whether to list every difference {@code r} holds: all of a finding's, the consequences and the
     *     expected-volatile ones
     * @param colour whether to colour the verdict with ANSI escapes (green, yellow, red)
     * @return the report, lines ending in {@code \n}, the last one included
     */
    public static String text(DiffResult r, String expected, String actual, boolean verbose, boolean colour) {
        StringBuilder sb = new StringBuilder();
        String verdict = r.severity().name();
        if (colour) {
            String code = switch (r.severity()) {
                case MATCH -> "\033[0;32m";
                case WARNING -> "\033[1;33m";
                case CRITICAL -> "\033[0;31m";
            };
            verdict = code + verdict + "\033[0m";
        }
        sb.append(verdict).append(": ");
        if (r.rootCause().isEmpty()) {
            sb.append(r.differences().isEmpty() ? "the traces match" : "the traces match (volatile fields only)");
        } else {
            sb.append(r.rootCause().get().name());
            sb.append(r.firstDivergingStep().isPresent()
                    ? " at step " + r.firstDivergingStep().getAsInt() : " at the run level");
        }
        sb.append('\n');
        sb.append("  expected: ").append(expected).append('\n');
        sb.append("  actual:   ").append(actual).append('\n');
        sb.append("  evidence: ").append(r.evidence()).append('\n');

        // the findings' evidence is among the differences built as they were classified: the consequences of a
        // long trace are built only for --verbose
        List<Difference> built = r.builtDifferences();
        if (!r.findings().isEmpty()) {
            sb.append('\n').append("Findings (").append(r.findings().size()).append("), first divergence first:\n");
            for (Finding f : r.findings()) {
                sb.append("  ").append(f.locus()).append("  ").append(f.category()).append("  ").append(f.severity())
                        .append("  ").append(plural(f.differences(), "difference"));
                if (f.consequences() > 0) {
                    sb.append(", ").append(plural(f.consequences(), "difference"))
                            .append(f.consequences() == 1 ? " follows" : " follow").append(" from it");
                }
                sb.append('\n').append("    ").append(f.evidence()).append('\n');
                int shown = 0;
                int more = 0;
                for (Difference d : built) {
                    if (d.isConsequence() || d.category() == RootCause.EXPECTED_VOLATILE
                            || !d.step().equals(f.step()) || d.category() != f.category()) {
                        continue;
                    }
                    if (verbose || shown < EVIDENCE_LINES_PER_FINDING) {
                        sb.append("    ").append(line(d)).append('\n');
                        shown++;
                    } else {
                        more++;
                    }
                }
                if (more > 0) {
                    sb.append("    ... ").append(more).append(" more (--verbose lists every difference)\n");
                }
            }
        }
        long consequences = r.consequenceCount();
        long volatiles = r.expectedVolatileCount();
        if (verbose && (consequences > 0 || volatiles > 0)) {
            List<Difference> all = r.differences();
            sb.append('\n').append("All listed differences (").append(all.size()).append("):\n");
            for (Difference d : all) {
                sb.append("  ").append(line(d)).append('\n');
            }
        }
        if (consequences > 0 || volatiles > 0) {
            sb.append('\n');
            if (consequences > 0) {
                sb.append(plural((int) consequences, "difference")).append(" grouped as consequences\n");
            }
            if (volatiles > 0) {
                StringBuilder list = new StringBuilder();
                r.expectedVolatile().forEach((k, v) -> list.append(list.length() == 0 ? "" : ", ").append(k)
                        .append(" (").append(v).append(')'));
                sb.append(volatiles).append(" expected-volatile differences: ").append(list).append('\n');
            }
            if (!verbose) {
                sb.append("(--verbose lists every difference)\n");
            }
        }
        return sb.toString();
    }

    private static String line(Difference d) {
        StringBuilder sb = new StringBuilder();
        sb.append(d.step().isPresent() ? "step " + d.step().getAsInt() : "run").append("  ")
                .append(d.kind().label()).append("  ").append(d.path().isEmpty() ? "(root)" : d.path()).append("  ");
        switch (d.kind()) {
            case ADDED -> sb.append("+ ").append(display(d.actual()));
            case REMOVED -> sb.append("- ").append(display(d.expected()));
            default -> sb.append(display(d.expected())).append(" -> ").append(display(d.actual()));
        }
        sb.append("  [").append(d.category());
        if (d.consequenceOf().isPresent()) {
            int c = d.consequenceOf().getAsInt();
            sb.append(", follows from ").append(c < 0 ? "the run start" : "step " + c);
        }
        return sb.append(']').toString();
    }

    private static String display(JsonNode v) {
        String s = GoldenJson.display(v);
        return s.length() <= DISPLAY_CHARS ? s : s.substring(0, DISPLAY_CHARS - 3) + "... (" + s.length() + " chars)";
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
