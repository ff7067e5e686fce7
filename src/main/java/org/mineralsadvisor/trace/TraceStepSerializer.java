package org.mineralsadvisor.trace;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a {@link TraceStep} field by field, in the contract's order. An advice has about a
 * hundred steps and each is written once per advice, so this skips what Jackson's record
 * serializer spends per field (reflective accessor calls, serializer lookups) and writes the
 * rule's policy id, name and file from bytes encoded once.
 */
final class TraceStepSerializer extends StdSerializer<TraceStep> {
    private static final SerializedString STEP = new SerializedString("step");
    private static final SerializedString POLICY_ID = new SerializedString("policyId");
    private static final SerializedString RULE = new SerializedString("rule");
    private static final SerializedString RULE_FILE = new SerializedString("ruleFile");
    private static final SerializedString MATCHED = new SerializedString("matched");
    private static final SerializedString EVIDENCE = new SerializedString("evidence");
    private static final SerializedString PRODUCED = new SerializedString("produced");
    private static final SerializedString EXPLANATION = new SerializedString("explanation");
    private static final SerializedString DEPENDS_ON = new SerializedString("dependsOn");
    /** Rule names, files and policy ids: a few hundred per rule set; the cap only guards against churn. */
    private static final int MAX_ENCODED = 20_000;
    private static final ConcurrentHashMap<String, SerializedString> ENCODED = new ConcurrentHashMap<>();
    private static final FactViewSerializer FACTS = new FactViewSerializer();

    TraceStepSerializer() {
        super(TraceStep.class);
    }

    @Override
    public void serialize(TraceStep step, JsonGenerator json, SerializerProvider provider) throws IOException {
        json.writeStartObject(step);
        json.writeFieldName(STEP);
        json.writeNumber(step.step());
        json.writeFieldName(POLICY_ID);
        writeRuleText(step.policyId(), json);
        json.writeFieldName(RULE);
        writeRuleText(step.rule(), json);
        json.writeFieldName(RULE_FILE);
        writeRuleText(step.ruleFile(), json);
        json.writeFieldName(MATCHED);
        writeFacts(step.matched(), json, provider);
        json.writeFieldName(EVIDENCE);
        json.writeStartArray();
        for (String id : step.evidence()) {
            json.writeString(id);
        }
        json.writeEndArray();
        json.writeFieldName(PRODUCED);
        writeFacts(step.produced(), json, provider);
        json.writeFieldName(EXPLANATION);
        if (step.explanation() == null) {
            json.writeNull();
        } else {
            json.writeString(step.explanation().toString());
        }
        json.writeFieldName(DEPENDS_ON);
        json.writeStartArray();
        for (int dependency : step.dependsOn()) {
            json.writeNumber(dependency);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeRuleText(String text, JsonGenerator json) throws IOException {
        if (text == null) {
            json.writeNull();
            return;
        }
        SerializedString encoded = ENCODED.get(text);
        if (encoded == null) {
            encoded = new SerializedString(text);
            if (ENCODED.size() < MAX_ENCODED) {
                ENCODED.putIfAbsent(text, encoded);
            }
        }
        json.writeString(encoded);
    }

    private static void writeFacts(List<Object> facts, JsonGenerator json, SerializerProvider provider) throws IOException {
        json.writeStartArray();
        for (Object fact : facts) {
            if (fact instanceof FactView view) {
                FACTS.serialize(view, json, provider);
            } else {
                provider.defaultSerializeValue(fact, json);
            }
        }
        json.writeEndArray();
    }
}
