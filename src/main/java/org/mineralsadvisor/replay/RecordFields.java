package org.mineralsadvisor.replay;

import org.mineralsadvisor.audit.ChainHash;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bundle's record as named fields, in the order the chain hash reads them. One hash over
 * all fields cannot say which field changed; but where the bundle states a field's value
 * elsewhere (the advice, the files, the next link), putting that value back and getting the
 * record's hash again proves that this field, and only it, was changed.
 */
final class RecordFields {
    static final String PREV_HASH = "prevHash";
    static final String SEQ = "seq";
    static final String ID = "id";
    static final String CREATED_AT = "createdAt";
    static final String COUNTRY = "country";
    static final String AS_OF = "asOf";
    static final String ROLE = "role";
    static final String KEY_ID = "keyId";
    static final String RULE_SET_VERSION = "ruleSetVersion";
    static final String FACT_BASE_VERSION = "factBaseVersion";
    static final String INPUT_SHA256 = "inputSha256";
    static final String ADVICE_SHA256 = "adviceSha256";
    static final String HASH = "hash";

    /** The fields under the hash, in the order {@link ChainHash#ofDigests} joins them. */
    private static final List<String> HASHED = List.of(PREV_HASH, SEQ, ID, CREATED_AT, COUNTRY, AS_OF, ROLE, KEY_ID,
            RULE_SET_VERSION, FACT_BASE_VERSION, INPUT_SHA256, ADVICE_SHA256);

    private final Map<String, String> values;

    private RecordFields(Map<String, String> values) {
        this.values = values;
    }

    static RecordFields of(AuditBundle.Record r) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(PREV_HASH, r.prevHash());
        values.put(SEQ, Long.toString(r.seq()));
        values.put(ID, r.id());
        values.put(CREATED_AT, r.createdAt());
        values.put(COUNTRY, r.country());
        values.put(AS_OF, r.asOf());
        values.put(ROLE, r.role());
        values.put(KEY_ID, r.keyId());
        values.put(RULE_SET_VERSION, r.ruleSetVersion());
        values.put(FACT_BASE_VERSION, r.factBaseVersion());
        values.put(INPUT_SHA256, r.inputSha256());
        values.put(ADVICE_SHA256, r.adviceSha256());
        values.put(HASH, r.hash());
        return new RecordFields(values);
    }

    String get(String field) {
        return values.get(field);
    }

    String hash() {
        return values.get(HASH);
    }

    private RecordFields with(String field, String value) {
        Map<String, String> changed = new LinkedHashMap<>(values);
        changed.put(field, value);
        return new RecordFields(changed);
    }

    String recomputedHash() {
        List<String> parts = new ArrayList<>();
        HASHED.forEach(field -> parts.add(String.valueOf(values.get(field))));
        return ChainHash.sha256(String.join("\n", parts));
    }

    /**
     * @param record  the record as it was hashed, as far as the bundle can tell
     * @param finding what changed, when not intact
     */
    record Repair(boolean intact, RecordFields record, String finding) {
    }

    /** The record as hashed: itself when intact, else with the one changed field that the rest of the bundle restores. */
    Repair repair(Map<String, List<String>> elsewhere) {
        String recomputed = recomputedHash();
        if (recomputed.equals(hash())) {
            return new Repair(true, this, null);
        }
        if (elsewhere.getOrDefault(HASH, List.of()).contains(recomputed)) {
            return new Repair(false, with(HASH, recomputed), "record field hash changed: it says " + hash()
                    + ", but the fields hash to " + recomputed + ", as the chain after the record says");
        }
        for (String field : HASHED) {
            for (String value : elsewhere.getOrDefault(field, List.of())) {
                if (!value.equals(values.get(field)) && with(field, value).recomputedHash().equals(hash())) {
                    return new Repair(false, with(field, value), "record field " + field + " changed: it says '"
                            + values.get(field) + "', but '" + value + "', as the rest of the bundle says, gives the "
                            + "record's hash");
                }
            }
        }
        List<String> unstated = new ArrayList<>();
        List<String> disagreeing = new ArrayList<>();
        for (String field : HASHED) {
            List<String> stated = elsewhere.getOrDefault(field, List.of());
            if (stated.isEmpty()) {
                unstated.add(field);
            } else if (!stated.contains(values.get(field))) {
                disagreeing.add(field);
            }
        }
        String finding = disagreeing.isEmpty()
                ? "record field " + String.join(" or ", unstated) + " changed (nothing else in the bundle states "
                + (unstated.size() == 1 ? "it" : "them") + "): the fields hash to " + recomputed + ", not to the record's hash"
                : "record fields changed: " + String.join(", ", disagreeing) + " disagree with the rest of the bundle, "
                + "and no one of them alone restores the record's hash";
        return new Repair(false, this, finding);
    }
}
