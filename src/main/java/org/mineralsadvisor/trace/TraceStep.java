package org.mineralsadvisor.trace;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.util.List;

/**
 * One rule firing. {@code matched} lists the facts the rule matched that the rules derived or
 * computed (views of immutable facts, written as JSON objects: {@code type} and the field
 * values that mattered); {@code evidence} cites, by id, the fact-base rows it matched and the
 * rows and profile values behind its matched facts, each listed once in the advice's
 * {@code evidence}; {@code explanation} is the rule's sentence (written as text);
 * {@code dependsOn} names the earlier steps that produced matched facts.
 */
@JsonSerialize(using = TraceStepSerializer.class)
@JsonPropertyOrder({"step", "policyId", "rule", "ruleFile", "matched", "evidence", "produced", "explanation", "dependsOn"})
public record TraceStep(int step, String policyId, String rule, String ruleFile, List<Object> matched,
                        List<String> evidence, List<Object> produced, Object explanation, List<Integer> dependsOn) {
}
