package io.aos.ops.golden.hash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.aos.ops.golden.json.AsciiJson;
import io.aos.ops.golden.json.GoldenJson;
import io.aos.ops.golden.json.PyJsonOutput;
import io.aos.ops.golden.json.RandomJsonText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential property: wherever {@link SpanCanonicalizer} writes a value, the parser path of
 * {@link GoldenCanonicalizer} (the oracle) reads the same bytes as valid JSON and writes the same canonical form; and
 * the values Python writes (sorted, compact, ASCII) do take the fast tier.
 */
class SpanCanonicalizerTest {

    private static final GoldenCanonicalizer[] RULES = {GoldenCanonicalizer.outputHashRules(),
        GoldenCanonicalizer.engineDefaults(), GoldenCanonicalizer.forComparison(),
        GoldenCanonicalizer.builder().floatPrecision(2).redactSensitive(false).build()};

    @Test
    void whereTheFastTierWritesItWritesWhatTheParserPathWrites() throws Exception {
        Random r = new Random(20261202L);
        int fast = 0;
        for (int i = 0; i < 60_000; i++) {
            double oddity = i % 3 == 0 ? 0.0 : i % 3 == 1 ? 0.05 : 0.3;
            String text = new RandomJsonText(r, oddity).value() + (r.nextInt(8) == 0 ? " " : "");
            GoldenCanonicalizer rules = RULES[i % RULES.length];
            if (check(rules, text.getBytes(StandardCharsets.UTF_8))) {
                fast++;
            }
        }
        assertThat(fast).isGreaterThan(25_000);
    }

    @Test
    void valuesInPythonsPlainShapeTakeTheFastTier() {
        Random r = new Random(11);
        SpanCanonicalizer span = new SpanCanonicalizer(GoldenCanonicalizer.outputHashRules());
        for (int i = 0; i < 5_000; i++) {
            byte[] text = new RandomJsonText(r, 0.0).value().getBytes(StandardCharsets.UTF_8);
            assertThat(span.write(text, 0, text.length, new PyJsonOutput())).as(new String(text))
                    .isEqualTo(text.length);
        }
    }

    @Test
    void unusualNumbersStringsAndKeys() throws Exception {
        String[] values = {"-0", "-0.0", "0.0", "1.0", "1e2", "1E400", "-1e400", "0.00001", "1e16", "2.675",
            "0.1234565", "12345678901234567890.5", "\"\\u00E9\\/\\ud83d\\ude00\\u001f\\u007f\"", "{\"b\":1,\"a\":2}",
            "{\"a\":1,\"a\":null}", "{\"a\":null,\"a\":1}", "{\"A\":1,\"a\":2}", "{\"duration_ms\":5,\"x\":null}",
            "{\"token\":\"s\"}", "{ \"a\" : [ 1 , 2 ] }", "[1,]", "{\"a\":1,}", "01", "1.", "NaN", "[\"caf\u00e9\"]",
            "{\"\\u0061\":1}", "[tru]", "{\"a\":1}x", "\"\t\"", "[1\r]"};
        for (GoldenCanonicalizer rules : RULES) {
            for (String v : values) {
                check(rules, v.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** Checks one value; returns whether the fast tier took it. */
    private static boolean check(GoldenCanonicalizer rules, byte[] text) throws Exception {
        SpanCanonicalizer span = new SpanCanonicalizer(rules);
        PyJsonOutput fastOut = new PyJsonOutput(8);
        int end = span.write(text, 0, text.length, fastOut);
        if (end < 0) {
            return false;
        }
        String why = new String(text, StandardCharsets.UTF_8);
        assertThat(AsciiJson.skipValue(text, 0, text.length, 0)).as(why).isEqualTo(end);
        PyJsonOutput general = new PyJsonOutput();
        try (JsonParser p = GoldenJson.factory().createParser(text, 0, end)) {
            rules.write(p, p.nextToken(), general);
            assertThat(p.nextToken()).as(why).isNull();
        }
        assertThat(fastOut.toString()).as(why).isEqualTo(general.toString());
        return true;
    }

    @Test
    void sha256PrefixIsTheJdkDigestsFirstEightBytes() throws Exception {
        Random r = new Random(5);
        Sha256Prefix prefix = new Sha256Prefix();
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] data = new byte[1200];
        r.nextBytes(data);
        for (int length = 0; length <= 1000; length++) {
            int offset = r.nextInt(data.length - length + 1);
            md.reset();
            md.update(data, offset, length);
            byte[] d = md.digest();
            String hex = java.util.HexFormat.of().formatHex(d, 0, 8);
            assertThat(prefix.hex16(data, offset, length)).as("length %s", length).isEqualTo(hex);
        }
    }
}
