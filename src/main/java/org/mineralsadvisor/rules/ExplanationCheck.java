package org.mineralsadvisor.rules;

import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.ConsequenceMetaData;
import org.drools.base.rule.Declaration;
import org.mineralsadvisor.profile.Suggestions;
import org.mineralsadvisor.rules.ExplanationTemplate.Placeholder;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a rule's {@code @explain} template against what the rule binds, so that a misspelt
 * placeholder fails {@code rules check} instead of rendering "none" in every advice: each
 * placeholder names a bound variable, each property on its path exists on the fact type
 * (record components, nested paths included), each format is known, and no brace is left
 * unclosed or around something that is no placeholder. A problem is located at the
 * placeholder inside the annotation.
 */
final class ExplanationCheck {
    static final String UNBOUND = "explain_unbound";
    static final String UNKNOWN_PROPERTY = "explain_unknown_property";
    static final String UNKNOWN_FORMAT = "explain_unknown_format";
    static final String UNCLOSED_PLACEHOLDER = "explain_unclosed_placeholder";
    static final String MALFORMED_PLACEHOLDER = "explain_malformed_placeholder";

    private final RuleImpl rule;
    private final String file;
    private final SourcePosition position;
    private final List<RuleProblem> problems;

    private ExplanationCheck(RuleImpl rule, String file, SourcePosition position, List<RuleProblem> problems) {
        this.rule = rule;
        this.file = file;
        this.position = position;
        this.problems = problems;
    }

    /**
     * @param source   the DRL text of the rule's file (null when unknown: problems are then placed at the rule)
     * @param ruleLine the 1-based line of the rule's header
     */
    static void check(RuleImpl rule, String explanation, String file, String source, int ruleLine,
                      List<RuleProblem> problems) {
        SourcePosition position = new SourcePosition(source, ruleLine, "@" + RuleSetCompiler.EXPLAIN);
        new ExplanationCheck(rule, file, position, problems).check(ExplanationTemplate.parse(explanation));
    }

    private void check(ExplanationTemplate template) {
        for (ExplanationTemplate.StrayBrace brace : template.strayBraces()) {
            SourcePosition.At at = position.ofCharacter(brace.index());
            problems.add(RuleProblem.error(file, at.line(), at.column(), brace.closed()
                    ? MALFORMED_PLACEHOLDER + ": rule \"" + rule.getName() + "\" explanation has " + brace.source()
                            + ", which is no placeholder; write {name}, {name.property} or {name|format}"
                    : UNCLOSED_PLACEHOLDER + ": rule \"" + rule.getName() + "\" explanation opens a placeholder at '"
                            + brace.source() + "' that is never closed with }"));
        }
        Map<String, List<Class<?>>> bound = boundTypes();
        Set<String> seen = new HashSet<>();
        for (Placeholder placeholder : template.placeholders()) {
            if (!seen.add(placeholder.source())) {
                continue; // one report for a placeholder written twice
            }
            if (!bound.containsKey(placeholder.name())) {
                report(placeholder, UNBOUND, "explanation names {" + placeholder.name() + "}, which the rule does not bind"
                        + Suggestions.of(bound.keySet()).closest(placeholder.name()).map(c -> "; did you mean {" + c + "}?").orElse(""));
                continue;
            }
            Optional<Class<?>> read = readType(placeholder, bound.get(placeholder.name()));
            if (read == null) {
                continue; // reported
            }
            checkFormat(placeholder, read);
        }
    }

    /** Bare names (as templates write them) to the types they may hold; {@code result} to what the rule inserts. */
    private Map<String, List<Class<?>>> boundTypes() {
        Map<String, List<Class<?>>> bound = new LinkedHashMap<>();
        for (Map.Entry<String, Declaration> entry : rule.getDeclarations().entrySet()) {
            bound.put(ExplanationTemplate.bareName(entry.getKey()), List.of(typeOf(entry.getValue())));
        }
        bound.put(ExplanationTemplate.RESULT, insertedTypes());
        return bound;
    }

    private static Class<?> typeOf(Declaration declaration) {
        if (declaration.isPatternDeclaration() && declaration.getPattern() != null
                && declaration.getPattern().getObjectType() instanceof ClassObjectType type) {
            return type.getClassType();
        }
        return declaration.getDeclarationClass() == null ? Object.class : declaration.getDeclarationClass();
    }

    /** The classes the consequence inserts (Drools records them while compiling); empty when unknown. */
    private List<Class<?>> insertedTypes() {
        List<Class<?>> types = new ArrayList<>();
        ConsequenceMetaData metaData = rule.getConsequenceMetaData();
        // A consequence with nothing Drools could analyse (e.g. an empty one) has no statements.
        if (metaData == null || metaData.getStatements() == null) {
            return types;
        }
        for (ConsequenceMetaData.Statement statement : metaData.getStatements()) {
            if (statement.getType() == ConsequenceMetaData.Statement.Type.INSERT) {
                try {
                    Class<?> type = Class.forName(statement.getFactClassName(), false, ExplanationCheck.class.getClassLoader());
                    if (!types.contains(type)) {
                        types.add(type);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    return List.of(); // a type declared in DRL: not checked
                }
            }
        }
        return types;
    }

    /**
     * The type the placeholder's path reads: empty when it cannot be known statically, null when
     * a problem was reported. When the name may hold several types, the path must fit one of them.
     */
    private Optional<Class<?>> readType(Placeholder placeholder, List<Class<?>> candidates) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        String firstProblem = null;
        for (Class<?> start : candidates) {
            PathWalk walk = walk(start, placeholder.path());
            if (walk.problem == null) {
                return walk.type;
            }
            if (firstProblem == null) {
                firstProblem = walk.problem;
            }
        }
        report(placeholder, UNKNOWN_PROPERTY, "explanation reads " + placeholder.source() + ", but " + firstProblem);
        return null;
    }

    private record PathWalk(Optional<Class<?>> type, String problem) {
    }

    private static PathWalk walk(Class<?> start, List<String> path) {
        Class<?> type = start;
        for (String property : path) {
            if (!type.isRecord()) {
                if (opaque(type)) {
                    return new PathWalk(Optional.empty(), null);
                }
                return new PathWalk(null, type.getSimpleName() + " has no properties to read ." + property + " from");
            }
            RecordComponent component = Arrays.stream(type.getRecordComponents())
                    .filter(c -> c.getName().equals(property)).findFirst().orElse(null);
            if (component == null) {
                List<String> names = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
                return new PathWalk(null, type.getSimpleName() + " has no property " + property
                        + Suggestions.of(names).closest(property).map(c -> "; did you mean " + c + "?")
                        .orElse(" (its properties: " + String.join(", ", names) + ")"));
            }
            type = component.getType();
        }
        return new PathWalk(Optional.of(type), null);
    }

    /** A type whose runtime values may be records with any properties: its paths cannot be checked. */
    private static boolean opaque(Class<?> type) {
        return type == Object.class || (type.isInterface() && !Collection.class.isAssignableFrom(type)
                && !Map.class.isAssignableFrom(type));
    }

    private void checkFormat(Placeholder placeholder, Optional<Class<?>> read) {
        String format = placeholder.format();
        if (format == null) {
            return;
        }
        if (!ExplanationTemplate.FORMATS.contains(format)) {
            report(placeholder, UNKNOWN_FORMAT, "explanation " + placeholder.source() + " names the unknown format '"
                    + format + "'" + Suggestions.of(ExplanationTemplate.FORMATS).closest(format).map(c -> "; did you mean " + c + "?")
                    .orElse("") + " (formats: " + String.join(", ", new TreeSet<>(ExplanationTemplate.FORMATS)) + ")");
            return;
        }
        if (read.isEmpty() || opaque(read.get())) {
            return;
        }
        Class<?> type = read.get();
        boolean collection = Collection.class.isAssignableFrom(type);
        boolean number = Number.class.isAssignableFrom(type)
                || (type.isPrimitive() && type != boolean.class && type != char.class);
        if ("count".equals(format) && !collection) {
            report(placeholder, UNKNOWN_FORMAT, "explanation " + placeholder.source() + " counts a "
                    + type.getSimpleName() + "; |count is for lists");
        } else if ("pct".equals(format) && !collection && !number) {
            report(placeholder, UNKNOWN_FORMAT, "explanation " + placeholder.source() + " formats a "
                    + type.getSimpleName() + " as a percentage; |pct is for numbers");
        }
    }

    private void report(Placeholder placeholder, String code, String message) {
        SourcePosition.At at = position.of(placeholder.source());
        problems.add(RuleProblem.error(file, at.line(), at.column(),
                code + ": rule \"" + rule.getName() + "\" " + message));
    }
}
