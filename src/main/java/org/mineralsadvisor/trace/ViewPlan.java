package org.mineralsadvisor.trace;

import com.fasterxml.jackson.core.io.SerializedString;
import org.mineralsadvisor.model.FactProperties;
import org.mineralsadvisor.provenance.OptionalColumn;
import org.mineralsadvisor.provenance.Sourced;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which components of a fact type a trace entry shows: a derived fact's key (its leading
 * text and enum components) plus the fields that mattered; a fact-base row's every column
 * with its file, line, source and as_of. Plans are computed once per fact type and field set
 * and shared by every evaluation, so recording a firing allocates one small view per fact.
 */
public final class ViewPlan {
    /** Components that hold provenance, shown as separate evidence entries rather than inline. */
    private static final Set<String> PROVENANCE = Set.of("basis", "ref", "row", "given");
    private static final Map<Class<?>, ViewPlan> FULL = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Map<Collection<String>, ViewPlan>> SELECTED = new ConcurrentHashMap<>();

    final String type;
    final String[] names;
    /** The type and names pre-encoded, so writing a view copies bytes instead of escaping text. */
    final SerializedString encodedType;
    final SerializedString[] encodedNames;
    final MethodHandle[] accessors;
    /** Per shown name: an optional column, written only when it has a value ({@link OptionalColumn}). */
    final boolean[] optional;
    final boolean row;

    private ViewPlan(Class<?> type, Collection<String> selected) {
        this.type = type.getSimpleName();
        this.row = Sourced.class.isAssignableFrom(type);
        Map<String, MethodHandle> all = FactProperties.of(type);
        List<String> names = new ArrayList<>();
        List<MethodHandle> accessors = new ArrayList<>();
        List<Boolean> optional = new ArrayList<>();
        boolean leading = true;
        for (var component : type.getRecordComponents()) {
            Class<?> c = component.getType();
            boolean key = leading && (c == String.class || c.isEnum());
            leading = key;
            String name = component.getName();
            if (!PROVENANCE.contains(name) && (row || key || selected == null || selected.contains(name))) {
                names.add(name);
                optional.add(component.isAnnotationPresent(OptionalColumn.class));
                // Adapted once to (Object)Object so that read() is an invokeExact, not a generic invoke.
                accessors.add(all.get(name).asType(MethodType.methodType(Object.class, Object.class)));
            }
        }
        this.names = names.toArray(String[]::new);
        this.encodedType = new SerializedString(this.type);
        this.encodedNames = names.stream().map(SerializedString::new).toArray(SerializedString[]::new);
        this.accessors = accessors.toArray(MethodHandle[]::new);
        this.optional = new boolean[optional.size()];
        for (int i = 0; i < this.optional.length; i++) {
            this.optional[i] = optional.get(i);
        }
    }

    /** Every component (an aggregated fact, a produced fact, a fact-base row). */
    static ViewPlan full(Class<?> type) {
        return FULL.computeIfAbsent(type, t -> new ViewPlan(t, null));
    }

    /** The key and {@code selected}; a row always shows every column. */
    static ViewPlan selected(Class<?> type, Collection<String> selected) {
        if (Sourced.class.isAssignableFrom(type)) {
            return full(type);
        }
        return SELECTED.computeIfAbsent(type, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(selected, s -> new ViewPlan(type, s));
    }

    /**
     * A rule's plans by fact type, made from the properties its conditions read (rule metadata)
     * the first time it fires in an evaluation: the lookup runs for every matched fact of every firing.
     */
    static final class PerRule {
        private final Map<Class<?>, ViewPlan> plans = new ConcurrentHashMap<>();
        private final Map<Class<?>, Set<String>> watched;

        PerRule(Map<Class<?>, Set<String>> watched) {
            this.watched = watched;
            watched.forEach((type, fields) -> plans.put(type, selected(type, fields)));
        }

        ViewPlan plan(Class<?> type) {
            ViewPlan plan = plans.get(type);
            return plan != null ? plan : plans.computeIfAbsent(type, t -> selected(t, watched.getOrDefault(t, Set.of())));
        }
    }

    /** Whether component {@code i} of {@code fact} is written: an optional column only when it has a value. */
    boolean shown(int i, Object value) {
        return !optional[i] || (value != null && !(value instanceof java.util.Collection<?> c && c.isEmpty()));
    }

    Object read(int i, Object fact) {
        try {
            return (Object) accessors[i].invokeExact(fact);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read " + names[i] + " of " + type, e);
        }
    }
}
