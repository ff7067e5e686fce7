package org.mineralsadvisor.trace;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * One rule firing. {@code matched} lists the facts the rule matched (views of immutable facts,
 * written as JSON objects: {@code type} and the field values that
 * mattered) followed by the fact-base rows (file, line, source, asOf) and profile values (JSON
 * pointer) behind them; {@code explanation} is the rule's sentence (written as text);
 * {@code dependsOn} names the earlier steps that produced matched facts.
 */
@JsonPropertyOrder({"step", "policyId", "rule", "ruleFile", "matched", "produced", "explanation", "dependsOn"})
public record TraceStep(int step, String policyId, String rule, String ruleFile, List<Object> matched,
                        List<Object> produced, Object explanation, List<Integer> dependsOn) {
}
