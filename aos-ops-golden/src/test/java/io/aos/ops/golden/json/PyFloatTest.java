package io.aos.ops.golden.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class PyFloatTest {

    /**
     * python-float-repr.txt: "bits repr(x) repr(round(x, 6))" for 7,400 doubles written by CPython 3.11: every power
     * of two, random bit patterns, subnormals, short decimals and the classic boundary cases.
     */
    @Test
    void reprAndRoundMatchCPythonOnEveryFixtureValue() throws IOException {
        List<String> mismatches = new ArrayList<>();
        int count = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                getClass().getResourceAsStream("python-float-repr.txt")), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(" ");
                double x = Double.longBitsToDouble(Long.parseUnsignedLong(f[0], 16));
                String repr = PyFloat.repr(x);
                String rounded = PyFloat.repr(PyFloat.round(x, 6));
                if (!repr.equals(f[1]) || !rounded.equals(f[2])) {
                    mismatches.add(line + " -> " + repr + " " + rounded);
                }
                count++;
            }
        }
        assertThat(count).isGreaterThan(7000);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void fastRoundingAgreesWithTheExactDecimalPathOnRandomValues() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            double x = switch (i % 4) {
                case 0 -> random.nextDouble() * Math.pow(10, random.nextInt(-12, 10)) * (random.nextBoolean() ? 1 : -1);
                case 1 -> (random.nextInt(2_000_000) - 1_000_000) / 1e6 + 5e-7;  // near halfway points
                case 2 -> Math.round(random.nextDouble() * 1e7) / 1e7;
                default -> Double.longBitsToDouble(random.nextLong());
            };
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                continue;
            }
            for (int places : new int[] {0, 2, 6, 9}) {
                double fast = PyFloat.round(x, places);
                double exact = PyFloat.roundExactly(x, places);
                assertThat(Double.doubleToRawLongBits(fast)).as("round(%s, %s)", x, places)
                        .isEqualTo(Double.doubleToRawLongBits(exact));
                StringBuilder direct = new StringBuilder();
                PyFloat.appendRounded(direct, x, places);
                assertThat(direct.toString()).as("repr(round(%s, %s))", x, places).isEqualTo(PyFloat.repr(exact));
                PyJsonOutput bytes = new PyJsonOutput();
                bytes.writeRoundedDouble(x, places);
                assertThat(bytes.toString()).as("written round(%s, %s)", x, places).isEqualTo(PyFloat.repr(exact));
            }
        }
    }

    @Test
    void reprUsesExponentFormBelowMinusFourAndFromSixteen() {
        assertThat(PyFloat.repr(1e-7)).isEqualTo("1e-07");
        assertThat(PyFloat.repr(0.0001)).isEqualTo("0.0001");
        assertThat(PyFloat.repr(0.00001)).isEqualTo("1e-05");
        assertThat(PyFloat.repr(1e16)).isEqualTo("1e+16");
        assertThat(PyFloat.repr(1e15)).isEqualTo("1000000000000000.0");
        assertThat(PyFloat.repr(100.0)).isEqualTo("100.0");
        assertThat(PyFloat.repr(1.5e300)).isEqualTo("1.5e+300");
    }

    @Test
    void reprKeepsNegativeZeroAndNamesNonFiniteValues() {
        assertThat(PyFloat.repr(-0.0)).isEqualTo("-0.0");
        assertThat(PyFloat.repr(0.0)).isEqualTo("0.0");
        assertThat(PyFloat.repr(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(PyFloat.repr(Double.NaN)).isEqualTo("nan");
    }

    @Test
    void reprPicksOneDigitWhereJavaPicksTwo() {
        assertThat(Double.toString(Double.MIN_VALUE)).isEqualTo("4.9E-324");
        assertThat(PyFloat.repr(Double.MIN_VALUE)).isEqualTo("5e-324");
    }

    @Test
    void reprIsShortestWhereJava17DoubleToStringIsNot() {
        // JDK 17 prints 2.0E-3 as "0.0020" and 1.0E23 as "1.0E23"; the shortest digits are what Python prints.
        assertThat(PyFloat.repr(2.0E-3)).isEqualTo("0.002");
        assertThat(PyFloat.repr(1.0E23)).isEqualTo("1e+23");
        assertThat(PyFloat.repr(2.82879384806159E17)).isEqualTo("2.82879384806159e+17");
    }

    @Test
    void roundIsHalfEvenOnTheBinaryValue() {
        assertThat(PyFloat.round(0.1234567891, 6)).isEqualTo(0.123457);
        assertThat(PyFloat.round(2.675, 2)).isEqualTo(2.67);
        assertThat(PyFloat.round(0.5, 0)).isEqualTo(0.0);
        assertThat(PyFloat.round(1.5, 0)).isEqualTo(2.0);
        assertThat(Double.doubleToRawLongBits(PyFloat.round(-1e-7, 6))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }
}
