package org.mineralsadvisor.trace;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import org.mineralsadvisor.facts.Stage;
import org.mineralsadvisor.model.Ids;
import org.mineralsadvisor.provenance.SourceRef;
import org.mineralsadvisor.provenance.Sourced;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/** Writes a {@link FactView} as a JSON object: type, the planned components, a row's provenance. */
final class FactViewSerializer extends StdSerializer<FactView> {
    private static final SerializedString TYPE = new SerializedString("type");

    FactViewSerializer() {
        super(FactView.class);
    }

    @Override
    public void serialize(FactView view, JsonGenerator json, SerializerProvider provider) throws IOException {
        json.writeStartObject();
        ViewPlan plan = view.plan;
        json.writeFieldName(TYPE);
        json.writeString(plan.encodedType);
        SourceRef ref = plan.row ? ((Sourced) view.fact).ref() : null;
        if (ref != null) {
            json.writeStringField("file", EvidenceIds.factFile(ref.file()));
            json.writeNumberField("line", ref.line());
        }
        for (int i = 0; i < plan.names.length; i++) {
            Object value = plan.read(i, view.fact);
            if (plan.shown(i, value)) {
                json.writeFieldName(plan.encodedNames[i]);
                write(plain(value), json, provider);
            }
        }
        if (ref != null) {
            json.writeStringField("source", ref.source());
            json.writeStringField("asOf", ref.asOf());
        }
        json.writeEndObject();
    }

    /** The common value types written directly; anything else through Jackson's own serializers. */
    private static void write(Object value, JsonGenerator json, SerializerProvider provider) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Double d) {
            json.writeNumber(d);
        } else if (value instanceof Integer n) {
            json.writeNumber(n);
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                write(item, json, provider);
            }
            json.writeEndArray();
        } else {
            provider.defaultSerializeValue(value, json);
        }
    }

    /** The view's fields in order, values JSON-ready: enums by name, dates as text, sets in id order. */
    static void visit(FactView view, BiConsumer<String, Object> out) {
        ViewPlan plan = view.plan;
        out.accept("type", plan.type);
        SourceRef ref = plan.row ? ((Sourced) view.fact).ref() : null;
        if (ref != null) {
            out.accept("file", EvidenceIds.factFile(ref.file()));
            out.accept("line", ref.line());
        }
        for (int i = 0; i < plan.names.length; i++) {
            Object value = plan.read(i, view.fact);
            if (plan.shown(i, value)) {
                out.accept(plan.names[i], plain(value));
            }
        }
        if (ref != null) {
            out.accept("source", ref.source());
            out.accept("asOf", ref.asOf());
        }
    }

    static Object plain(Object value) {
        if (value instanceof Stage stage) {
            return stage.name().toLowerCase(Locale.ROOT); // as production.csv writes it
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        // Loops, not streams: this runs for every field of every fact a trace writes.
        if (value instanceof Set<?> set) {
            List<String> sorted = new ArrayList<>(set.size());
            for (Object v : set) {
                sorted.add(String.valueOf(v));
            }
            sorted.sort(Ids.ORDER);
            return sorted;
        }
        if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Enum<?>) {
            List<String> names = new ArrayList<>(list.size());
            for (Object v : list) {
                names.add(((Enum<?>) v).name());
            }
            return names;
        }
        return value;
    }
}
