package org.mineralsadvisor.rules.safety;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Holds the MVEL expressions of pattern constraints to the allow-list. They are interpreted (and
 * later JIT-compiled) when the rules run, so there is no bytecode to read when the rule set is
 * checked; instead each name in the expression is resolved the way MVEL would (bindings, the
 * pattern's properties, imports, java.lang) and each property or method it reaches is checked
 * against the allow-list by type. Conservative: a method call on a value whose type is unknown,
 * {@code new}, {@code .class} and MVEL statements are refused outright.
 */
final class ConditionCheck {

    /** How names in an expression resolve: the pattern's class, bindings, imports, the rule set's functions. */
    record Scope(Class<?> patternClass, Map<String, Class<?>> bindings, List<String> imports,
                 Map<String, String> staticImports, Set<String> generatedClasses, Function<String, Class<?>> typeLookup) {
    }

    private static final Set<String> LITERALS = Set.of("true", "false", "null", "nil", "empty", "this");
    private static final Set<String> OPERATORS = Set.of("contains", "excludes", "memberOf", "matches", "soundslike",
            "in", "not", "instanceof", "isA", "str", "after", "before", "coincides", "during", "finishes",
            "finishedby", "includes", "meets", "metby", "overlaps", "overlappedby", "starts", "startedby");
    private static final Set<String> STATEMENTS = Set.of("new", "def", "function", "import", "with", "foreach",
            "for", "while", "do", "until", "if", "else", "return", "assert", "var", "modify", "macro");
    private static final Set<String> PACKAGE_ROOTS = Set.of("java", "javax", "jdk", "sun", "com", "org", "net", "io");

    private final AllowList allowList;

    ConditionCheck(AllowList allowList) {
        this.allowList = allowList;
    }

    /** Every reason the expression breaks the policy; empty when it is safe. */
    List<String> violations(String expression, Scope scope) {
        List<String> found = new ArrayList<>();
        List<String> tokens = tokens(expression, found);
        boolean[] done = new boolean[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (done[i] || !isIdentifier(token) || OPERATORS.contains(token)) {
                continue;
            }
            if (STATEMENTS.contains(token)) {
                found.add(token.equals("new") ? "creates an object with new" : "uses the MVEL statement '" + token + "'");
                continue;
            }
            boolean afterDot = i > 0 && (tokens.get(i - 1).equals(".") || tokens.get(i - 1).equals("!."));
            chain(tokens, i, afterDot, scope, done, found);
        }
        return found;
    }

    /** Follows one name chain (a.b.c(…).d) from token {@code start}, checking each step. */
    private void chain(List<String> tokens, int start, boolean afterUnknown, Scope scope, boolean[] done, List<String> found) {
        int i = start;
        String head = tokens.get(i);
        Class<?> type = null;        // the value's type, when known
        if (afterUnknown) {
            // A step on the result of a call or index: its type is not known here.
        } else if (head.equals("this")) {
            type = scope.patternClass();
        } else if (LITERALS.contains(head)) {
            done[i] = true;
            return;
        } else if (scope.bindings().containsKey(head)) {
            type = scope.bindings().get(head);
        } else if (next(tokens, i).equals("(")) {
            done[i] = true;
            String owner = scope.staticImports().get(head);
            if (owner == null) {
                found.add("calls " + head + "(…), which is neither a function of the rule set nor allowed");
            } else if (!scope.generatedClasses().contains(owner) && !allowList.allowsInRuleCode(
                    new CodeReference(CodeReference.Kind.METHOD, owner, head, "()V"))) {
                found.add("calls " + owner + "." + head + "(…)");
            }
            return;
        } else if (property(scope.patternClass(), head) != null) {
            type = property(scope.patternClass(), head);
        } else {
            // A class, simple (System, Math) or fully qualified (java.lang.System).
            StringBuilder name = new StringBuilder(head);
            int end = i;
            Class<?> resolved = resolveSimple(head, scope);
            String unresolvedName = Character.isUpperCase(head.charAt(0)) ? javaLangOrImport(head, scope) : null;
            if (resolved == null && unresolvedName == null && PACKAGE_ROOTS.contains(head)) {
                while (next(tokens, end).equals(".") && end + 2 < tokens.size() && isIdentifier(tokens.get(end + 2))) {
                    end += 2;
                    name.append('.').append(tokens.get(end));
                    done[end] = true;
                    if (Character.isUpperCase(tokens.get(end).charAt(0))) {
                        break;
                    }
                }
                unresolvedName = name.toString();
            }
            String className = resolved != null ? resolved.getName() : unresolvedName;
            if (className != null) {
                if (!AllowList.allowedType(className) && !scope.generatedClasses().contains(className)) {
                    String member = next(tokens, end).equals(".") && end + 2 < tokens.size() ? tokens.get(end + 2) : "";
                    found.add("uses " + className + (member.isEmpty() ? "" : "." + member
                            + (next(tokens, end + 2).equals("(") ? "(…)" : "")));
                    markChain(tokens, start, done);
                    return;
                }
                type = resolved != null ? resolved : scope.typeLookup().apply(className);
                i = end;
            }
        }
        done[start] = true;
        // Steps: .name, .name(…), [..]
        while (true) {
            String sep = next(tokens, i);
            if (sep.equals("(") || sep.equals("[")) {
                if (sep.equals("[")) {
                    type = null;
                }
                return; // arguments and indexes are checked as chains of their own
            }
            if (!(sep.equals(".") || sep.equals("!.")) || i + 2 >= tokens.size() || !isIdentifier(tokens.get(i + 2))) {
                return;
            }
            i += 2;
            done[i] = true;
            String member = tokens.get(i);
            if (member.equals("class")) {
                found.add("reads .class (reflection)");
                return;
            }
            boolean call = next(tokens, i).equals("(");
            if (type == null) {
                if (call) {
                    found.add("calls " + member + "(…) on a value whose type cannot be checked");
                    return;
                }
                continue; // a property of an unknown value: only getters, and .class is refused above
            }
            CodeReference reference = new CodeReference(CodeReference.Kind.METHOD, type.getName(), call ? member : getterOf(type, member), "()V");
            if (!allowList.allowsInRuleCode(reference)) {
                found.add((call ? "calls " : "reads ") + type.getName() + "." + member + (call ? "(…)" : ""));
                return;
            }
            type = call ? returnType(type, member) : property(type, member);
        }
    }

    private static void markChain(List<String> tokens, int start, boolean[] done) {
        for (int j = start; j < tokens.size() && (isIdentifier(tokens.get(j)) || tokens.get(j).equals(".")); j++) {
            done[j] = true;
        }
    }

    private Class<?> resolveSimple(String name, Scope scope) {
        if (!Character.isUpperCase(name.charAt(0))) {
            return null;
        }
        for (String imported : scope.imports()) {
            if (imported.endsWith("." + name) && AllowList.allowedType(imported)) {
                return scope.typeLookup().apply(imported);
            }
        }
        for (String imported : scope.imports()) {
            if (imported.endsWith(".*")) {
                String candidate = imported.substring(0, imported.length() - 1) + name;
                if (AllowList.allowedType(candidate)) {
                    Class<?> type = scope.typeLookup().apply(candidate);
                    if (type != null) {
                        return type;
                    }
                }
            }
        }
        return AllowList.allowedType("java.lang." + name) ? scope.typeLookup().apply("java.lang." + name) : null;
    }

    /** The class a simple name denotes when it is not an allowed one: an explicit import or java.lang. */
    private static String javaLangOrImport(String name, Scope scope) {
        for (String imported : scope.imports()) {
            if (imported.endsWith("." + name)) {
                return imported;
            }
        }
        return scope.typeLookup().apply("java.lang." + name) != null ? "java.lang." + name : null;
    }

    private static String getterOf(Class<?> type, String property) {
        String cap = Character.toUpperCase(property.charAt(0)) + property.substring(1);
        for (String name : List.of("get" + cap, "is" + cap, property)) {
            try {
                type.getMethod(name);
                return name;
            } catch (NoSuchMethodException e) {
                // try the next naming convention
            }
        }
        return property;
    }

    private static Class<?> property(Class<?> type, String property) {
        if (type == null) {
            return null;
        }
        String getter = getterOf(type, property);
        try {
            return type.getMethod(getter).getReturnType();
        } catch (NoSuchMethodException e) {
            try {
                Field field = type.getField(property);
                return Modifier.isPublic(field.getModifiers()) ? field.getType() : null;
            } catch (NoSuchFieldException e2) {
                return null;
            }
        }
    }

    private static Class<?> returnType(Class<?> type, String method) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(method)) {
                return m.getReturnType();
            }
        }
        return null;
    }

    private static String next(List<String> tokens, int i) {
        return i + 1 < tokens.size() ? tokens.get(i + 1) : "";
    }

    private static boolean isIdentifier(String token) {
        return !token.isEmpty() && (Character.isJavaIdentifierStart(token.charAt(0))) && !token.startsWith("\"");
    }

    /** Identifiers, numbers, string literals (as one token) and operators; ';', '@' and assignment are refused here. */
    private static List<String> tokens(String expression, List<String> found) {
        List<String> tokens = new ArrayList<>();
        String s = expression == null ? "" : expression;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c) {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                tokens.add("\"");
                i = Math.min(j + 1, s.length());
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i;
                while (j < s.length() && Character.isJavaIdentifierPart(s.charAt(j))) {
                    j++;
                }
                tokens.add(s.substring(i, j));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                    j++;
                }
                tokens.add("0");
                i = j;
            } else if (c == '!' && i + 1 < s.length() && s.charAt(i + 1) == '.') {
                tokens.add("!.");
                i += 2;
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (List.of("==", "!=", "<=", ">=", "&&", "||").contains(two)) {
                    tokens.add(two);
                    i += 2;
                    continue;
                }
                if (c == ';' || c == '@' || c == '=' || c == '#' || c == '{') {
                    found.add("uses '" + c + "', which a condition has no need of (statements, assignment, templates)");
                }
                tokens.add(String.valueOf(c));
                i++;
            }
        }
        return tokens;
    }
}
