package org.mineralsadvisor.model;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reads the components of the record facts that rules match, with the accessors cached per class. */
public final class FactProperties {
    private static final Map<Class<?>, Map<String, MethodHandle>> ACCESSORS = new ConcurrentHashMap<>();

    private FactProperties() {
    }

    /** The record's components in declaration order; empty for a non-record. */
    public static Map<String, MethodHandle> of(Class<?> type) {
        return ACCESSORS.computeIfAbsent(type, FactProperties::accessors);
    }

    /** The accessors of the last class read, per thread: reads come in runs of one class. */
    private static final ThreadLocal<Object[]> LAST = ThreadLocal.withInitial(() -> new Object[2]);

    public static Object read(Object fact, String property) {
        if (fact == null) {
            return null;
        }
        Object[] last = LAST.get();
        @SuppressWarnings("unchecked")
        Map<String, MethodHandle> accessors = last[0] == fact.getClass()
                ? (Map<String, MethodHandle>) last[1] : of(fact.getClass());
        last[0] = fact.getClass();
        last[1] = accessors;
        MethodHandle accessor = accessors.get(property);
        if (accessor == null) {
            return null;
        }
        try {
            return accessor.invoke(fact);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read " + property + " of " + fact.getClass().getSimpleName(), e);
        }
    }

    private static Map<String, MethodHandle> accessors(Class<?> type) {
        Map<String, MethodHandle> accessors = new LinkedHashMap<>();
        if (!type.isRecord()) {
            return Map.of();
        }
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        for (RecordComponent component : type.getRecordComponents()) {
            try {
                accessors.put(component.getName(), lookup.unreflect(component.getAccessor()));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("record " + type.getName() + " must be public", e);
            }
        }
        return accessors;
    }

    public static List<String> names(Class<?> type) {
        return List.copyOf(of(type).keySet());
    }
}
