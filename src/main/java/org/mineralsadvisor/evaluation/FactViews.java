package org.mineralsadvisor.evaluation;

import org.mineralsadvisor.facts.Stage;
import org.mineralsadvisor.provenance.ProfileValue;
import org.mineralsadvisor.provenance.SourceRef;
import org.mineralsadvisor.provenance.Sourced;

import java.lang.invoke.MethodHandle;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How facts appear in a trace: a derived fact shows its key fields and the fields that
 * mattered; a fact-base row shows all its fields with file, line, source and as_of; a profile
 * value shows its JSON pointer.
 */
final class FactViews {
    /** Components that hold provenance, shown as separate evidence entries rather than inline. */
    private static final Set<String> PROVENANCE = Set.of("basis", "ref", "row", "given");

    private record Shape(List<String> names, List<MethodHandle> accessors, int keyCount) {
    }

    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

    private FactViews() {
    }

    /** A derived fact: its key (leading text and enum fields) plus {@code fields}; all fields when null. */
    static Map<String, Object> derived(Object fact, Collection<String> fields) {
        Shape shape = shape(fact.getClass());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("type", fact.getClass().getSimpleName());
        for (int i = 0; i < shape.names.size(); i++) {
            String name = shape.names.get(i);
            if (PROVENANCE.contains(name)) {
                continue;
            }
            if (i < shape.keyCount || fields == null || fields.contains(name)) {
                view.put(name, plain(read(shape.accessors.get(i), fact)));
            }
        }
        return view;
    }

    /** A fact-base row: every field, with where it is and where it comes from. */
    static Map<String, Object> row(Sourced row) {
        Shape shape = shape(row.getClass());
        SourceRef ref = row.ref();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("type", row.getClass().getSimpleName());
        view.put("file", ref.file());
        view.put("line", ref.line());
        for (int i = 0; i < shape.names.size(); i++) {
            if (!PROVENANCE.contains(shape.names.get(i))) {
                view.put(shape.names.get(i), plain(read(shape.accessors.get(i), row)));
            }
        }
        view.put("source", ref.source());
        view.put("asOf", ref.asOf());
        return view;
    }

    static Map<String, Object> profileValue(ProfileValue value) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("type", "ProfileValue");
        view.put("pointer", value.pointer());
        view.put("value", value.value());
        if (value.defaulted()) {
            view.put("defaulted", true);
        }
        return view;
    }

    static Map<String, Object> evidence(Object item) {
        if (item instanceof Sourced row) {
            return row(row);
        }
        if (item instanceof ProfileValue value) {
            return profileValue(value);
        }
        return derived(item, null);
    }

    private static Object read(MethodHandle accessor, Object fact) {
        try {
            return accessor.invoke(fact);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON-friendly values: enums by name, dates as ISO text, sets in id order. */
    private static Object plain(Object value) {
        if (value instanceof Stage stage) {
            return stage.name().toLowerCase(java.util.Locale.ROOT); // as production.csv writes it
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        if (value instanceof Set<?> set) {
            List<String> sorted = new ArrayList<>();
            set.forEach(v -> sorted.add(String.valueOf(v)));
            sorted.sort(Ids.ORDER);
            return sorted;
        }
        if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Enum<?>) {
            return list.stream().map(v -> ((Enum<?>) v).name()).toList();
        }
        return value;
    }

    private static Shape shape(Class<?> type) {
        return SHAPES.computeIfAbsent(type, t -> {
            Map<String, MethodHandle> accessors = FactProperties.of(t);
            List<String> names = new ArrayList<>(accessors.keySet());
            int keys = 0;
            for (var component : t.getRecordComponents()) {
                Class<?> c = component.getType();
                if (c == String.class || c.isEnum()) {
                    keys++;
                } else {
                    break;
                }
            }
            return new Shape(List.copyOf(names), List.copyOf(accessors.values()), keys);
        });
    }
}
