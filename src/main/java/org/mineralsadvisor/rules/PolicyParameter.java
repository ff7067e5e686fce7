package org.mineralsadvisor.rules;

import java.math.BigDecimal;

/**
 * One threshold, target, factor or points value of a policy, written once under the policy in
 * {@code policies.yaml} ({@code parameters: { threshold: 0.50 }}) and read from there by the
 * rules' conditions, names and explanations and by the catalogue title.
 *
 * @param value  the number as written (e.g. {@code 0.50}, {@code 2500}, {@code -10})
 * @param line   1-based line of the parameter's name in {@code policies.yaml}
 * @param column 1-based column of the parameter's name
 */
public record PolicyParameter(String policyId, String name, BigDecimal value, int line, int column) {

    /** The value as a Java literal in rule code: exact, integral when written so, negatives bracketed. */
    public String code() {
        String text = value.toPlainString();
        return value.signum() < 0 ? "(" + text + ")" : text;
    }

    /** The value as explanations write it, {@code format} being {@code pct} or null. */
    public String display(String format) {
        return ExplanationTemplate.format(value.doubleValue(), format);
    }

    /** How the value reads in a diff: as written, without trailing zeros of a decimal. */
    public String plain() {
        return value.scale() > 0 ? value.stripTrailingZeros().toPlainString() : value.toPlainString();
    }
}
