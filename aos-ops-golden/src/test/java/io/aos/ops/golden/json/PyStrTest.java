package io.aos.ops.golden.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fixtures were written by CPython 3.11.7 (Unicode 14.0.0) with {@code src/test/python/py_str_lower_vectors.py},
 * which describes them.
 */
class PyStrTest {

    private static final String SIGMA = "\u03a3";

    @Test
    void lowersEveryFixtureStringAsCPythonDoes() {
        List<String> mismatches = new ArrayList<>();
        List<String> lines = fixtureLines("python-str-lower.jsonl");
        for (String line : lines) {
            JsonNode pair = GoldenJson.readTree(line);
            String input = pair.get(0).textValue();
            String got = PyStr.lower(input);
            if (!got.equals(pair.get(1).textValue())) {
                mismatches.add(line + " -> " + PyJson.compact(com.fasterxml.jackson.databind.node.TextNode.valueOf(got)));
            }
        }
        assertThat(lines).hasSize(5000);
        assertThat(mismatches).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "a_\u03a3, a_\u03c3",
        "a\"\u03a3, a\"\u03c3",
        "a-\u03a3, a-\u03c3",
        "a1\u03a3, a1\u03c3",
        "\u039f\u0394\u039f\u03a3_\u0391\u03a1\u0399\u0398\u039c\u039f\u03a3, \u03bf\u03b4\u03bf\u03c2_\u03b1\u03c1\u03b9\u03b8\u03bc\u03bf\u03c2",
        "a\u03a3, a\u03c2",
        "'a \u03a3', 'a \u03c3'",
        "a.\u03a3, a.\u03c2",
        "a\u00ad\u03a3\u0301, a\u00ad\u03c2\u0301",
        "\u0130D, i\u0307d",
    })
    void capitalSigmaIsFinalOnlyInCPythonsFinalSigmaContext(String key, String lowered) {
        assertThat(PyStr.lower(key)).isEqualTo(lowered);
    }

    @Test
    void asciiWithoutUpperCaseIsReturnedAsItIs() {
        String key = "duration_ms";
        assertThat(PyStr.lower(key)).isSameAs(key);
        assertThat(PyStr.lower("Duration_MS")).isEqualTo(key);
    }

    /** Every code point alone, and after a sigma (which sends the string down the code point by code point path). */
    @Test
    void lowersEveryCodePointAsCPythonDoes() {
        Map<Integer, String> changed = new HashMap<>();
        for (String line : fixtureLines("python-lower-code-points.txt")) {
            String[] f = line.split(" ");
            StringBuilder lowered = new StringBuilder();
            for (int k = 1; k < f.length; k++) {
                lowered.appendCodePoint(Integer.parseInt(f[k], 16));
            }
            changed.put(Integer.parseInt(f[0], 16), lowered.toString());
        }
        assertThat(changed).hasSize(1432);
        List<String> mismatches = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp == SIGMA.charAt(0)) {
                continue;
            }
            String c = new String(Character.toChars(cp));
            String want = changed.getOrDefault(cp, c);
            if (!PyStr.lower(c).equals(want) || !PyStr.lower(SIGMA + c).equals("\u03c3" + want)) {
                mismatches.add(String.format(Locale.ROOT, "U+%04X", cp));
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /** Read the way the fixture was made: through the sigma's lower case, not through the properties themselves. */
    @Test
    void casedAndCaseIgnorableAreCPythonsOnEveryCodePoint() {
        char[] kind = new char[Character.MAX_CODE_POINT + 1];
        java.util.Arrays.fill(kind, 'O');
        for (String line : fixtureLines("python-sigma-context.txt")) {
            String[] f = line.split("[ -]");
            for (int cp = Integer.parseInt(f[1], 16); cp <= Integer.parseInt(f[2], 16); cp++) {
                kind[cp] = f[0].charAt(0);
            }
        }
        List<String> mismatches = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp == SIGMA.charAt(0)) {
                continue;
            }
            String c = new String(Character.toChars(cp));
            boolean finalAfter = PyStr.lower(c + SIGMA).endsWith("\u03c2");
            boolean finalAcross = PyStr.lower("a" + c + SIGMA).endsWith("\u03c2");
            char got = finalAfter ? 'C' : finalAcross ? 'I' : 'O';
            if (got != kind[cp]) {
                mismatches.add(String.format(Locale.ROOT, "U+%04X %s not %s", cp, got, kind[cp]));
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private List<String> fixtureLines(String name) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                getClass().getResourceAsStream(name), name), StandardCharsets.US_ASCII))) {
            return in.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
