package io.aos.ops.golden.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overflow and infinities are real value differences, not precision noise; NaN, Infinity and -Infinity (which
 * Python's json writes) are read, and NaN equals NaN for the diff.
 */
class NonFiniteNumberDiffTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @TempDir
    Path tmp;

    private DiffResult files(String a, String b) throws Exception {
        Path pa = tmp.resolve("a.json");
        Path pb = tmp.resolve("b.json");
        Files.writeString(pa, a);
        Files.writeString(pb, b);
        return GoldenDiff.compare(pa, pb);
    }

    private static JsonNode doc(double x) {
        ObjectNode o = F.objectNode();
        o.put("x", x);
        return o;
    }

    @Test
    void anOverflowToInfinityIsAValueDifferenceNotFloatPrecision() throws Exception {
        DiffResult r = files("{\"x\":0}", "{\"x\":1e999}");
        assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(r.rootCause()).contains(RootCause.DETERMINISM_VIOLATION);
        assertThat(r.evidence()).doesNotContain("tolerance");
    }

    @Test
    void infinityAgainstMinusInfinityAndMaxDoubleAgainstInfinityAreValueDifferences() throws Exception {
        assertThat(files("{\"x\":Infinity}", "{\"x\":-Infinity}").rootCause())
                .contains(RootCause.DETERMINISM_VIOLATION);
        assertThat(GoldenDiff.compare(doc(Double.MAX_VALUE), doc(Double.POSITIVE_INFINITY)).rootCause())
                .contains(RootCause.DETERMINISM_VIOLATION);
        assertThat(GoldenDiff.compare(doc(Double.NaN), doc(1.0)).rootCause())
                .contains(RootCause.DETERMINISM_VIOLATION);
    }

    @Test
    void theTextAndHtmlReportsShowNonFiniteNumbersAsTheNumberTokensTheyWere() throws Exception {
        Path pa = tmp.resolve("a.steps.jsonl");
        Path pb = tmp.resolve("b.steps.jsonl");
        Files.writeString(pa, "{\"event_type\":\"run_start\",\"data\":{\"v\":Infinity,\"w\":NaN,\"z\":[-Infinity]}}\n");
        Files.writeString(pb, "{\"event_type\":\"run_start\",\"data\":{\"v\":-Infinity,\"w\":1.5,\"z\":[1]}}\n");
        DiffResult r = GoldenDiff.compare(pa, pb, DiffOptions.defaults());

        String text = DiffReport.text(r, pa.toString(), pb.toString(), true, false);
        String html = io.aos.ops.golden.report.DiffHtmlReport.of(r, LoadedGoldenFile.read(pa), LoadedGoldenFile.read(pb))
                .render();

        assertThat(text).contains("Infinity -> -Infinity").contains("NaN -> 1.5").doesNotContain("\"Infinity\"")
                .doesNotContain("\"NaN\"").doesNotContain("\"-Infinity\"");
        assertThat(r.evidence()).doesNotContain("\"");
        assertThat(html).contains("<code>Infinity</code>").contains("<code>-Infinity</code>")
                .contains("<code>NaN</code>").doesNotContain("&quot;Infinity&quot;").doesNotContain("&quot;NaN&quot;")
                .doesNotContain("&quot;-Infinity&quot;");
    }

    @Test
    void nanEqualsNanInEveryTier() throws Exception {
        assertThat(files("{\"x\":NaN,\"y\":[NaN]}", "{\"y\":[ NaN ],\"x\": NaN}").severity())
                .isEqualTo(Severity.MATCH);
        assertThat(GoldenDiff.compare(doc(Double.NaN), doc(Double.NaN)).severity()).isEqualTo(Severity.MATCH);
        Path a = tmp.resolve("a.steps.jsonl");
        Path b = tmp.resolve("b.steps.jsonl");
        Files.writeString(a, "{\"event_type\":\"step\",\"data\":{\"index\":0,\"step_id\":\"s\",\"v\":NaN},"
                + "\"timestamp\":1}\n");
        Files.writeString(b, "{\"event_type\":\"step\",\"data\":{\"index\":0,\"step_id\":\"s\",\"v\":NaN},"
                + "\"timestamp\":2}\n");
        assertThat(GoldenDiff.compare(a, b).severity()).isEqualTo(Severity.MATCH);
    }

    @Test
    void numbersWithinTheToleranceAreStillFloatPrecision() {
        assertThat(GoldenDiff.compare(doc(1.0), doc(1.0 + 1e-12)).rootCause()).contains(RootCause.FLOAT_PRECISION);
    }

    /**
     * Property over random pairs of doubles (finite, huge, tiny, infinite, NaN, near neighbours): MATCH exactly when
     * written the same (NaN equal to NaN, -0.0 not 0.0), FLOAT_PRECISION exactly when both are finite and within 1e-9 absolute or relative
     * (decided in exact decimal arithmetic), otherwise a critical value difference.
     */
    @Test
    void aPairOfDoublesGetsTheVerdictAnExactOracleGives() {
        Random r = new Random(7);
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
            -Double.MAX_VALUE, Double.MIN_VALUE, 0.0, -0.0, 1.0, 1e300, 1e-300};
        for (int i = 0; i < 3000; i++) {
            double x = r.nextInt(3) == 0 ? special[r.nextInt(special.length)]
                    : r.nextGaussian() * Math.pow(10, r.nextInt(60) - 30);
            double y = switch (r.nextInt(4)) {
                case 0 -> special[r.nextInt(special.length)];
                case 1 -> x;
                case 2 -> x + x * 1e-12 * r.nextGaussian();
                default -> Math.nextUp(x);
            };
            DiffResult result = GoldenDiff.compare(doc(x), doc(y));
            String what = x + " vs " + y + ": " + result.evidence();
            if (Double.toString(x).equals(Double.toString(y))) { // as json.dumps writes them: -0.0 is not 0.0
                assertThat(result.severity()).as(what).isEqualTo(Severity.MATCH);
            } else if (Double.isFinite(x) && Double.isFinite(y) && withinTolerance(x, y)) {
                assertThat(result.rootCause()).as(what).contains(RootCause.FLOAT_PRECISION);
            } else {
                assertThat(result.severity()).as(what).isEqualTo(Severity.CRITICAL);
            }
        }
    }

    private static boolean withinTolerance(double x, double y) {
        BigDecimal a = new BigDecimal(x);
        BigDecimal b = new BigDecimal(y);
        BigDecimal diff = a.subtract(b).abs();
        BigDecimal tol = new BigDecimal("1e-9");
        return diff.compareTo(tol) <= 0 || diff.compareTo(tol.multiply(a.abs().max(b.abs()))) <= 0;
    }

    @Test
    void minusZeroIsNotZeroSinceItsCanonicalFormAndHashDifferButItIsOnlyPrecision() throws Exception {
        // Python's json.dumps writes -0.0 as "-0.0": the step's canonical form and hash differ from 0.0's
        DiffResult r = files("{\"x\":-0.0,\"n\":1}", "{\"x\":0.0,\"n\":1}");
        assertThat(r.severity()).isEqualTo(Severity.WARNING);
        assertThat(r.rootCause()).contains(RootCause.FLOAT_PRECISION);
        assertThat(files("{\"x\":-0.0}", "{\"x\": -0.0 }").severity()).isEqualTo(Severity.MATCH);
        assertThat(GoldenDiff.compare(doc(-0.0), doc(0.0)).severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void twoDifferentIntegersAreAValueDifferenceHoweverCloseNeverFloatPrecision() throws Exception {
        // within 1e-9 relative of each other, but integers: a counter or a clock in ms that is one off is a real change
        for (String[] pair : new String[][] {{"123456789012345", "123456789012346"},
                {"12345678901234567890", "12345678901234567891"}, {"-9007199254740993", "-9007199254740992"}}) {
            DiffResult r = files("{\"count\":" + pair[0] + "}", "{\"count\":" + pair[1] + "}");
            assertThat(r.rootCause()).as(pair[0] + " vs " + pair[1]).contains(RootCause.DETERMINISM_VIOLATION);
            assertThat(r.severity()).as(pair[0] + " vs " + pair[1]).isEqualTo(Severity.CRITICAL);
        }
        // an integer against a float of nearly its value stays precision, as does the same value written both ways
        assertThat(files("{\"count\":123456789012345}", "{\"count\":123456789012345.0001}").rootCause())
                .contains(RootCause.FLOAT_PRECISION);
        assertThat(files("{\"count\":3}", "{\"count\":3.0}").rootCause()).contains(RootCause.FLOAT_PRECISION);
    }
}
