package org.mineralsadvisor.trace;

import com.fasterxml.jackson.annotation.JsonValue;
import org.mineralsadvisor.rules.ExplanationTemplate;

import java.util.function.Function;

/**
 * A firing's explanation: the rule's template and the values it names, captured when the rule
 * fired (the facts are immutable), written out as text when the trace is read or serialised.
 */
public final class Explanation {
    private final ExplanationTemplate template;
    private final String[] names;
    private final Object[] values;
    private String text;

    Explanation(ExplanationTemplate template, Function<String, Object> lookup) {
        this.template = template;
        this.names = template.names();
        this.values = new Object[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = lookup.apply(names[i]);
        }
    }

    @JsonValue
    @Override
    public String toString() {
        String result = text;
        if (result == null) {
            result = template.render(name -> {
                for (int i = 0; i < names.length; i++) {
                    if (names[i].equals(name)) {
                        return values[i];
                    }
                }
                return null;
            });
            text = result;
        }
        return result;
    }
}
