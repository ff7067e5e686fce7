package org.mineralsadvisor.counterfactual;

import org.mineralsadvisor.rules.ExplanationTemplate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.DoublePredicate;

/** Numbers in a counterfactual's text: as the explanations write them, and boundaries rounded only where still true. */
final class Display {
    private Display() {
    }

    static String num(double value) {
        return ExplanationTemplate.format(value, null);
    }

    static String pct(double share) {
        return ExplanationTemplate.format(share, "pct");
    }

    /**
     * A boundary for a sentence: {@code x} rounded towards {@code up} (ceiling or floor) to the fewest
     * significant digits, four or more, whose value still satisfies {@code ok} when read back as a
     * double; {@code x} in full where none does. So "at least 59.18 t" is true as written.
     */
    static String bound(double x, boolean up, DoublePredicate ok) {
        BigDecimal exact = new BigDecimal(x);
        for (int digits = 4; digits <= 17; digits++) {
            BigDecimal rounded = exact.round(new MathContext(digits, up ? RoundingMode.CEILING : RoundingMode.FLOOR));
            if (ok.test(rounded.doubleValue())) {
                return plain(rounded);
            }
        }
        return plain(BigDecimal.valueOf(x));
    }

    /** A decimal without exponent or trailing zeros, thousands grouped. */
    static String plain(BigDecimal value) {
        String text = value.stripTrailingZeros().toPlainString();
        boolean negative = text.startsWith("-");
        if (negative) {
            text = text.substring(1);
        }
        int point = text.indexOf('.');
        String whole = point < 0 ? text : text.substring(0, point);
        String rest = point < 0 ? "" : text.substring(point);
        StringBuilder out = new StringBuilder();
        int first = whole.length() % 3 == 0 ? 3 : whole.length() % 3;
        out.append(whole, 0, Math.min(first, whole.length()));
        for (int i = first; i < whole.length(); i += 3) {
            out.append(',').append(whole, i, i + 3);
        }
        return (negative ? "-" : "") + out + rest;
    }

    /**
     * A share beside the line it is compared with: rounded away from the line (down when below it,
     * up when at or above), with as many digits as it takes not to print the line's own value.
     */
    static String pctAgainst(double share, double line) {
        String lineText = pct(line);
        String text = pct(share);
        if (!text.equals(lineText) || share == line) {
            return text;
        }
        BigDecimal percent = new BigDecimal(share).multiply(BigDecimal.valueOf(100));
        for (int digits = 4; digits <= 20; digits++) {
            text = plain(percent.round(new MathContext(digits, share < line ? RoundingMode.FLOOR : RoundingMode.CEILING)))
                    + "%";
            if (!text.equals(lineText)) {
                return text;
            }
        }
        return text;
    }

    /** A number beside the line it is compared with, as {@link #pctAgainst}. */
    static String numAgainst(double value, double line) {
        String lineText = param(line);
        String text = num(value);
        if (!text.equals(lineText) && !text.equals(num(line)) || value == line) {
            return text;
        }
        BigDecimal exact = new BigDecimal(value);
        for (int digits = 4; digits <= 20; digits++) {
            text = plain(exact.round(new MathContext(digits, value < line ? RoundingMode.FLOOR : RoundingMode.CEILING)));
            if (!text.equals(lineText)) {
                return text;
            }
        }
        return text;
    }

    /** A parameter as written in the catalogue (60, 0.5, 2,500). */
    static String param(double value) {
        return plain(BigDecimal.valueOf(value));
    }
}
