package org.mineralsadvisor.rules;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the service knows about one compiled rule: where it is, which policy it encodes, the
 * explanation template, and which properties of each fact type its conditions read (so the
 * trace can show the field values that mattered).
 *
 * @param file     path of the DRL file as shown to people, e.g. {@code rules/stockpile.drl}
 * @param watched  per fact class, the properties the rule's patterns constrain or bind and its
 *                 explanation reads: the field values that mattered
 * @param declarations bare names (as explanation templates write them) to declaration ids
 * @param parameters   the parameters of policies.yaml that the rule, or a function it calls, names
 */
public record RuleInfo(String name, String packageName, String file, int line, String policyId,
                       String explanation, @JsonIgnore ExplanationTemplate template,
                       @JsonIgnore Map<Class<?>, Set<String>> watched,
                       @JsonIgnore Map<String, String> declarations,
                       @JsonIgnore List<PolicyParameter> parameters) {

    /** The rule's declaration id ({@code $m}) for a name as templates write it ({@code m}), or null. */
    public String declarationId(String name) {
        return declarations.get(name);
    }
}
