package org.mineralsadvisor.advice;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * One rule firing. {@code matched} lists the facts the rule matched (with the field values that
 * mattered) followed by the fact-base rows (file, line, source, asOf) and profile values (JSON
 * pointer) behind them; {@code dependsOn} names the earlier steps that produced matched facts.
 */
@JsonPropertyOrder({"step", "policyId", "rule", "ruleFile", "matched", "produced", "explanation", "dependsOn"})
public record TraceStep(int step, String policyId, String rule, String ruleFile, List<Map<String, Object>> matched,
                        List<Map<String, Object>> produced, String explanation, List<Integer> dependsOn) {
}
