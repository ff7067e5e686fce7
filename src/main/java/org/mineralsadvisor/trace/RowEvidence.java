package org.mineralsadvisor.trace;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import org.mineralsadvisor.provenance.Sourced;

import java.io.IOException;

/**
 * A fact-base row as the advice's evidence lists it, with its id and its JSON written once per
 * fact base rather than once per advice: rows are immutable, and their text (sources, focus
 * statements) is most of what the evidence costs to write. The compact writer copies the
 * stored UTF-8 bytes; a pretty printer or a tree (TokenBuffer) gets the row field by field.
 */
@JsonSerialize(using = RowEvidence.Serializer.class)
public final class RowEvidence {
    /** Rows hold only text, numbers, booleans and lists, which every mapper writes alike. */
    private static final ObjectMapper WRITER = JsonMapper.builder().build();
    final String id;
    private final FactView view;
    private final SerializedString json;

    private RowEvidence(Sourced row) {
        this.id = EvidenceIds.of(row);
        this.view = new FactView(row, ViewPlan.full(row.getClass()));
        try {
            this.json = new SerializedString(WRITER.writeValueAsString(view));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the row " + id, e);
        }
    }

    static RowEvidence of(Sourced row) {
        return new RowEvidence(row);
    }

    static final class Serializer extends StdSerializer<RowEvidence> {
        Serializer() {
            super(RowEvidence.class);
        }

        @Override
        public void serialize(RowEvidence row, JsonGenerator json, SerializerProvider provider) throws IOException {
            if (json instanceof TokenBuffer || json.getPrettyPrinter() != null) {
                provider.defaultSerializeValue(row.view, json);
            } else {
                json.writeRawValue(row.json);
            }
        }
    }
}
