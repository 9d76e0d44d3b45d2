package io.aos.ops.golden.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link AsciiJson#sameBytes} and {@link AsciiJson#sortsAfter} against the JDK's {@code Arrays.equals} and
 * {@code Arrays.compareUnsigned} on ranges (the oracle), over generated ranges: short keys of a small alphabet (so
 * that equal ranges, common prefixes and one range starting the other are frequent), and bytes of every value,
 * the negative ones included.
 */
class AsciiJsonBytesTest {

    @Test
    void rangeEqualityAndOrderAreTheJdksOnGeneratedRanges() {
        Random r = new Random(20261203L);
        int equal = 0;
        int prefixes = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] a = bytes(r, 1 + r.nextInt(24));
            byte[] b = r.nextInt(4) == 0 ? a : bytes(r, 1 + r.nextInt(24));
            int aFrom = r.nextInt(a.length + 1);
            int aTo = aFrom + r.nextInt(a.length - aFrom + 1);
            int bFrom = r.nextInt(b.length + 1);
            int bTo = bFrom + r.nextInt(b.length - bFrom + 1);
            boolean same = Arrays.equals(a, aFrom, aTo, b, bFrom, bTo);
            assertThat(AsciiJson.sameBytes(a, aFrom, aTo, b, bFrom, bTo)).isEqualTo(same);
            equal += same ? 1 : 0;

            // sortsAfter compares two ranges of one array: put both in one
            byte[] both = new byte[a.length + b.length];
            System.arraycopy(a, 0, both, 0, a.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            int expected = Arrays.compareUnsigned(a, aFrom, aTo, b, bFrom, bTo);
            assertThat(AsciiJson.sortsAfter(both, aFrom, aTo, a.length + bFrom, a.length + bTo))
                    .as("%s %s", Arrays.toString(Arrays.copyOfRange(a, aFrom, aTo)),
                            Arrays.toString(Arrays.copyOfRange(b, bFrom, bTo)))
                    .isEqualTo(expected < 0);
            prefixes += !same && Arrays.mismatch(a, aFrom, aTo, b, bFrom, bTo) == Math.min(aTo - aFrom, bTo - bFrom)
                    ? 1 : 0;
        }
        assertThat(equal).isGreaterThan(10_000);
        assertThat(prefixes).isGreaterThan(10_000);
    }

    /** Small alphabet, with bytes above 0x7f (negative in Java) among them. */
    private static byte[] bytes(Random r, int n) {
        byte[] alphabet = {'a', 'b', '_', (byte) 0x80, (byte) 0xff, 0};
        byte[] out = new byte[n];
        for (int k = 0; k < n; k++) {
            out[k] = alphabet[r.nextInt(alphabet.length)];
        }
        return out;
    }
}
