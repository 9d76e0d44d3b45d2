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
 */
public final class PyFloat {

    private PyFloat() {
    }

    /** Python's {@code repr(x)} for a finite or non-finite double ({@code inf}, {@code -inf}, {@code nan}). */
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
     */
    public static double round(double x, int ndigits) {
        if (Double.isNaN(x) || Double.isInfinite(x) || x == 0.0) {
            return x;
        }
        Decimal shortest = shortestDigits(Math.abs(x));
        if (shortest.digits.length() - shortest.decimalPoint <= ndigits) {
            // The shortest round-trip decimal already has at most ndigits places; it is within half an ulp of x,
            // so rounding the exact value to ndigits places lands on it again and reads back as x.
            return x;
        }
        BigDecimal rounded = new BigDecimal(x).setScale(ndigits, RoundingMode.HALF_EVEN);
        double result = Double.parseDouble(rounded.toString());
        return result == 0.0 ? Math.copySign(0.0, x) : result;
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
        String digits = d.digits;
        int decpt = d.decimalPoint;
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
