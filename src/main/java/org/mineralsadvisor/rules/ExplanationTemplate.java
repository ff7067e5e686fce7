package org.mineralsadvisor.rules;

import org.mineralsadvisor.model.FactProperties;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule's {@code @explain} text: prose with placeholders naming the rule's bound variables,
 * e.g. {@code "{m}: import reliance {reliance|pct} ≥ 50%"} or {@code "{i.mineral}"}.
 * {@code {result.field}} reads the first fact the firing produced.
 * Formats: {@code |pct} (a fraction as a percentage), {@code |count} (the size of a list);
 * numbers otherwise print with up to four
 * significant digits, since the explanation is for people and the data keeps every digit.
 */
public final class ExplanationTemplate {
    /** The name that stands for the first fact the firing produced, e.g. {@code {result.targetDays}}. */
    public static final String RESULT = "result";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\s*\\$?([A-Za-z_][\\w]*)((?:\\.[A-Za-z_]\\w*)*)\\s*(?:\\|\\s*(\\w+)\\s*)?}");

    private record Part(String literal, String name, List<String> path, String format, String source, int start) {
    }

    /** A placeholder as written ({@code source}, e.g. {@code {i.importReliance|pct}}) and what it reads. */
    public record Placeholder(String source, String name, List<String> path, String format) {
    }

    /** The formats a placeholder may name after {@code |}. */
    public static final Set<String> FORMATS = Set.of("pct", "count");

    private final List<Part> parts;
    /** Computed once: every traced firing asks for them. */
    private final String[] names;

    private ExplanationTemplate(List<Part> parts) {
        this.parts = parts;
        this.names = parts.stream().filter(p -> p.name != null).map(p -> p.name).distinct().toArray(String[]::new);
    }

    public static ExplanationTemplate parse(String text) {
        List<Part> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                parts.add(new Part(text.substring(last, m.start()), null, List.of(), null, null, last));
            }
            List<String> path = m.group(2).isEmpty() ? List.of() : List.of(m.group(2).substring(1).split("\\."));
            parts.add(new Part(null, m.group(1), path, m.group(3), m.group(), m.start()));
            last = m.end();
        }
        if (last < text.length()) {
            parts.add(new Part(text.substring(last), null, List.of(), null, null, last));
        }
        return new ExplanationTemplate(List.copyOf(parts));
    }

    /** The declaration name without the {@code $} that DRL authors usually put in front. */
    public static String bareName(String declaration) {
        return declaration.startsWith("$") ? declaration.substring(1) : declaration;
    }

    /** A placeholder that reads a property of a bound fact, e.g. {@code {i.stockDays}} → (i, stockDays). */
    public record Reference(String name, String property) {
    }

    /** The properties the template reads from bound facts: they mattered to the explanation. */
    public List<Reference> references() {
        List<Reference> refs = new ArrayList<>();
        for (Part part : parts) {
            if (part.name != null && !part.path.isEmpty()) {
                refs.add(new Reference(part.name, part.path.get(0)));
            }
        }
        return refs;
    }

    /**
     * A brace in the prose that starts no placeholder, as written from the brace on: either
     * never closed ({@code "{m: reliance"}, so {@code closed} is false) or closed around
     * something that names no variable ({@code "{i importReliance}"}). Rendered verbatim it
     * would print the author's mistake in every advice.
     */
    public record StrayBrace(String source, int index, boolean closed) {
    }

    /** The braces in the prose that start no placeholder, in order. */
    public List<StrayBrace> strayBraces() {
        List<StrayBrace> stray = new ArrayList<>();
        for (Part part : parts) {
            String text = part.literal;
            for (int open = text == null ? -1 : text.indexOf('{'); open >= 0; open = text.indexOf('{', open + 1)) {
                int close = text.indexOf('}', open);
                int next = text.indexOf('{', open + 1);
                if (close >= 0 && (next < 0 || close < next)) {
                    stray.add(new StrayBrace(text.substring(open, close + 1), part.start + open, true));
                    open = close;
                } else {
                    int end = next < 0 ? text.length() : next;
                    stray.add(new StrayBrace(text.substring(open, Math.min(end, open + 20)), part.start + open, false));
                }
            }
        }
        return stray;
    }

    /** Every placeholder, in order. */
    public List<Placeholder> placeholders() {
        return parts.stream().filter(p -> p.name != null)
                .map(p -> new Placeholder(p.source, p.name, p.path, p.format)).toList();
    }

    /**
     * The distinct placeholder names, in order of first use. Shared, not copied (the trace
     * recorder asks on every firing): callers only read it.
     */
    public String[] names() {
        return names;
    }

    /** Renders with {@code values} resolving a bare declaration name to its value. */
    public String render(Function<String, Object> values) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part.literal != null) {
                out.append(part.literal);
                continue;
            }
            Object value = values.apply(part.name);
            for (String property : part.path) {
                value = value == null ? null : FactProperties.read(value, property);
            }
            out.append(format(value, part.format));
        }
        return out.toString();
    }

    /** One value as an explanation or summary writes it; {@code format} is {@code pct}, {@code count} or null. */
    public static String format(Object value, String format) {
        if (value == null) {
            return "none";
        }
        if ("count".equals(format) && value instanceof Collection<?> items) {
            return String.valueOf(items.size());
        }
        if ("pct".equals(format) && value instanceof Number n) {
            return number(n.doubleValue() * 100) + "%";
        }
        if (value instanceof Double || value instanceof Float) {
            return number(((Number) value).doubleValue());
        }
        if (value instanceof Collection<?> items) {
            List<String> rendered = new ArrayList<>();
            for (Object item : items) {
                rendered.add(format(item, format));
            }
            return rendered.isEmpty() ? "none" : String.join(", ", rendered);
        }
        return String.valueOf(value);
    }

    /** Up to four significant digits, thousands grouped: fast, as it runs for every firing. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        double magnitude = Math.abs(value);
        if (value == Math.rint(value) && magnitude < 1e15) {
            return grouped(Math.round(value));
        }
        if (magnitude >= 1000 && magnitude < 1e15) {
            double unit = POWERS[(int) Math.floor(Math.log10(magnitude)) + 1 - 4];
            return grouped(Math.round(value / unit) * (long) unit);
        }
        if (magnitude >= 1e15) {
            // Beyond a long's reach (9.2e18) Math.round clamps; BigDecimal is exact for any finite double.
            String digits = BigDecimal.valueOf(magnitude).round(FOUR_DIGITS).toPlainString();
            return (value < 0 ? "-" : "") + grouped(digits);
        }
        if (magnitude == 0) {
            return "0";
        }
        int digitsBeforePoint = (int) Math.floor(Math.log10(magnitude)) + 1;
        int scale = Math.min(15, Math.max(0, 4 - digitsBeforePoint));
        long scaled = Math.round(value * POWERS[scale]);
        return BigDecimal.valueOf(scaled, scale).stripTrailingZeros().toPlainString();
    }

    private static final double[] POWERS = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
            1e14, 1e15};

    private static final MathContext FOUR_DIGITS = new MathContext(4, RoundingMode.HALF_UP);

    private static String grouped(long value) {
        String digits = grouped(Long.toString(Math.abs(value)));
        return value < 0 ? "-" + digits : digits;
    }

    private static String grouped(String digits) {
        StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        int first = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        out.append(digits, 0, first);
        for (int i = first; i < digits.length(); i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        return out.toString();
    }
}
