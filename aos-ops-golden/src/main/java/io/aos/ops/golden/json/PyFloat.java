package io.aos.ops.golden.json;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Python's float arithmetic that golden hashes depend on: {@code repr(x)} and {@code round(x, n)}.
 *
 * <p>{@code repr} is the shortest decimal that reads back as the same double, closest to it when several are
 * equally short, written in fixed notation when the decimal exponent is in [-4, 16) and as {@code 1e-07} /
 * {@code 1.5e+16} otherwise. Java 17's {@link Double#toString} is not always shortest, so the digits come from
 * Jackson's Schubfach port (the algorithm of JDK 19's {@code Double.toString}). That algorithm has one documented
 * difference from Python's: when one digit would do it still picks the closest two-digit decimal (subnormals such as
 * {@code 5e-324}, which Java prints as {@code 4.9E-324}); {@link #shortestDigits} undoes it.
 *
 * <p>Stateless: thread-safe.
 */
public final class PyFloat {

    private PyFloat() {
    }

    /**
     * Python's {@code repr(x)} for a finite or non-finite double ({@code inf}, {@code -inf}, {@code nan}).
     *
     * @param x any double
     * @return Python's text for it
     */
    public static String repr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        StringBuilder out = new StringBuilder(24);
        appendFinite(out, x);
        return out.toString();
    }

    /**
     * Python's {@code round(x, ndigits)} for a float: the exact binary value rounded half-even to {@code ndigits}
     * decimal places, read back as the nearest double. Keeps the sign of zero ({@code round(-1e-7, 6) == -0.0}).
     *
     * @param x       any double
     * @param ndigits decimal places, may be negative as in Python
     * @return the rounded value
     */
    public static double round(double x, int ndigits) {
        if (Double.isNaN(x) || Double.isInfinite(x) || x == 0.0) {
            return x;
        }
        long scaled = roundScaled(x, ndigits);
        if (scaled != NO_FAST_PATH) {
            // scaled and 10^ndigits are exact doubles, and IEEE division rounds correctly: the nearest double to
            // the decimal scaled x 10^-ndigits, which is what Python's strtod of the rounded digits gives.
            double result = scaled / POW10[ndigits];
            return result == 0.0 ? Math.copySign(0.0, x) : result;
        }
        return roundExactly(x, ndigits);
    }

    /** Marks "use the exact path" from {@link #roundScaled}. */
    static final long NO_FAST_PATH = Long.MIN_VALUE;

    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * x rounded half-even to ndigits places, as the integer x * 10^ndigits, computed exactly without BigDecimal:
     * p = x * 10^n rounded, err = the exact rounding error (one fused multiply-add), and the nearest integer to
     * p + err decided from the two. Valid while |p| < 2^52 (so p's ulp is below 1/2 and p - rint(p) is exact) and
     * x is far from underflow (so the fma remainder is exact); otherwise returns {@link #NO_FAST_PATH}.
     */
    static long roundScaled(double x, int ndigits) {
        if (ndigits < 0 || ndigits >= POW10.length) {
            return NO_FAST_PATH;
        }
        double abs = Math.abs(x);
        if (!(abs > 0x1p-900)) {
            return NO_FAST_PATH;
        }
        double scale = POW10[ndigits];
        double p = x * scale;
        if (!(Math.abs(p) < 0x1p52)) {
            return NO_FAST_PATH;
        }
        double err = Math.fma(x, scale, -p);
        double r = Math.rint(p);
        double diff = p - r;
        if (diff == 0.5) {
            // p sat exactly halfway and rint took the even neighbour below; the exact value decides.
            if (err > 0) {
                r += 1;
            }
        } else if (diff == -0.5) {
            if (err < 0) {
                r -= 1;
            }
        }
        // Otherwise |diff| <= 1/2 - ulp(p) and |err| <= ulp(p)/2, so r is the nearest integer to p + err.
        return (long) r;
    }

    /** The reference path: exact decimal expansion, half-even, read back. */
    static double roundExactly(double x, int ndigits) {
        Decimal shortest = shortestDigits(Math.abs(x));
        if (shortest.digits.length() - shortest.decimalPoint <= ndigits) {
            // The shortest round-trip decimal already has at most ndigits places; it is within half an ulp of x,
            // so rounding the exact value to ndigits places lands on it again and reads back as x.
            return x;
        }
        BigDecimal rounded = new BigDecimal(x).setScale(ndigits, RoundingMode.HALF_EVEN);
        // (shortest has more than ndigits places here)
        double result = Double.parseDouble(rounded.toString());
        return result == 0.0 ? Math.copySign(0.0, x) : result;
    }

    /**
     * Appends Python's {@code repr} of {@code round(x, ndigits)} for a finite x. When the rounded value has at most
     * 15 significant digits it is its own shortest repr (every decimal of 15 digits or fewer round-trips, and no
     * two of them share a double), so the digits are written straight from the scaled integer.
     */
    static void appendRounded(StringBuilder out, double x, int ndigits) {
        long scaled = x == 0.0 ? NO_FAST_PATH : roundScaled(x, ndigits);
        if (scaled == NO_FAST_PATH || Math.abs(scaled) >= 1_000_000_000_000_000L) {
            appendFinite(out, x == 0.0 ? x : round(x, ndigits));
            return;
        }
        if (scaled == 0) {
            out.append(x < 0 ? "-0.0" : "0.0");
            return;
        }
        if (scaled < 0) {
            out.append('-');
        }
        String all = Long.toString(Math.abs(scaled));
        int end = all.length();
        while (all.charAt(end - 1) == '0') {
            end--;
        }
        appendDigits(out, all.substring(0, end), all.length() - ndigits);
    }

    /** Appends Python's {@code repr} of a finite double. */
    static void appendFinite(StringBuilder out, double x) {
        if (x == 0.0) {
            out.append(Double.doubleToRawLongBits(x) < 0 ? "-0.0" : "0.0");
            return;
        }
        if (x < 0) {
            out.append('-');
        }
        Decimal d = shortestDigits(Math.abs(x));
        appendDigits(out, d.digits, d.decimalPoint);
    }

    /** Writes 0.DIGITS x 10^decpt (digits without leading or trailing zeros) in Python's repr layout. */
    private static void appendDigits(StringBuilder out, String digits, int decpt) {
        int exponent = decpt - 1;
        if (exponent >= -4 && exponent < 16) {
            if (decpt <= 0) {
                out.append("0.");
                for (int i = decpt; i < 0; i++) {
                    out.append('0');
                }
                out.append(digits);
            } else if (decpt >= digits.length()) {
                out.append(digits);
                for (int i = digits.length(); i < decpt; i++) {
                    out.append('0');
                }
                out.append(".0");
            } else {
                out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
            }
        } else {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                out.append('0');
            }
            out.append(abs);
        }
    }

    /** Significant digits (no leading or trailing zeros) and the decimal point position: value = 0.DIGITS x 10^decpt. */
    record Decimal(String digits, int decimalPoint) {
    }

    /** The shortest round-trip digits of a positive finite double, as Python chooses them. */
    static Decimal shortestDigits(double positive) {
        String text = DoubleToDecimal.toString(positive);
        int e = text.indexOf('E');
        int exp10 = 0;
        String mantissa = text;
        if (e >= 0) {
            exp10 = Integer.parseInt(text.substring(e + 1));
            mantissa = text.substring(0, e);
        }
        int dot = mantissa.indexOf('.');
        String intPart = dot < 0 ? mantissa : mantissa.substring(0, dot);
        String fracPart = dot < 0 ? "" : mantissa.substring(dot + 1);
        String all = intPart + fracPart;
        int decpt = intPart.length() + exp10;
        int lead = 0;
        while (lead < all.length() - 1 && all.charAt(lead) == '0') {
            lead++;
        }
        int end = all.length();
        while (end > lead + 1 && all.charAt(end - 1) == '0') {
            end--;
        }
        String digits = all.substring(lead, end);
        decpt -= lead;
        if (digits.length() == 2) {
            Decimal one = oneDigit(positive, digits, decpt);
            if (one != null) {
                return one;
            }
        }
        return new Decimal(digits, decpt);
    }

    /**
     * Schubfach returns two digits where one round-trips too (its spec asks for at least two); Python takes the
     * one-digit decimal. Tries both one-digit neighbours of the two-digit result, closest first.
     */
    private static Decimal oneDigit(double x, String twoDigits, int decpt) {
        int first = twoDigits.charAt(0) - '0';
        int second = twoDigits.charAt(1) - '0';
        int[] candidates = second >= 5 ? new int[] {first + 1, first} : new int[] {first, first + 1};
        for (int c : candidates) {
            String digits = c == 10 ? "1" : Integer.toString(c);
            int point = c == 10 ? decpt + 1 : decpt;
            if (c == 0) {
                continue;
            }
            double back = Double.parseDouble(digits + "E" + (point - 1));
            if (back == x) {
                return new Decimal(digits, point);
            }
        }
        return null;
    }
}
