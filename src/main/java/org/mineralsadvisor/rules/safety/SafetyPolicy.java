package org.mineralsadvisor.rules.safety;

import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Accumulate;
import org.drools.base.rule.Collect;
import org.drools.base.rule.Declaration;
import org.drools.base.rule.EvalCondition;
import org.drools.base.rule.From;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.rule.accessor.Accumulator;
import org.drools.base.rule.constraint.Constraint;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.drools.mvel.MVELConstraint;
import org.drools.mvel.expr.MVELCompileable;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.mineralsadvisor.rules.RuleProblem;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The safety policy for rule code: every class Drools generated for a rule set (consequences,
 * functions, eval invokers) is read as bytecode and every method it calls, field it touches and type
 * it creates is held to the {@link AllowList}; loops must be for-each loops and code may not
 * recurse, so a consequence always returns; pattern conditions, which MVEL interprets at run time,
 * are checked by {@link ConditionCheck}; the MVEL dialect is refused. Nothing is loaded or run.
 */
public final class SafetyPolicy {
    public static final String UNSAFE_CALL = "unsafe_call";
    public static final String UNBOUNDED_LOOP = "unbounded_loop";
    public static final String RECURSION = "recursion";
    public static final String UNSAFE_DIALECT = "unsafe_dialect";

    private static final String CONSEQUENCE_SUFFIX = "DefaultConsequenceInvoker";
    private static final String COMPILED_INVOKER = "org/drools/base/rule/accessor/CompiledInvoker";

    /** Where a generated class's code was written: a rule or a function, in a file at a header line. */
    private record Origin(String what, String file, int header) {
    }

    /**
     * Checks every package of {@code kieBase}.
     *
     * @param sourceByFile the DRL texts by displayed file name ("rules/stockpile.drl")
     * @param fileOf the displayed file of a rule
     */
    public List<RuleProblem> check(KieBase kieBase, Map<String, String> sourceByFile, Function<RuleImpl, String> fileOf) {
        List<RuleProblem> problems = new ArrayList<>();
        SourceLocator locator = new SourceLocator(sourceByFile);
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            InternalKnowledgePackage pkg = (InternalKnowledgePackage) kiePackage;
            if (pkg.getRules().isEmpty() && storeOf(pkg).isEmpty()) {
                continue;
            }
            checkPackage(pkg, sourceByFile, fileOf, locator, problems);
        }
        return problems;
    }

    private void checkPackage(InternalKnowledgePackage pkg, Map<String, String> sourceByFile,
                              Function<RuleImpl, String> fileOf, SourceLocator locator, List<RuleProblem> problems) {
        Map<String, byte[]> store = new TreeMap<>(storeOf(pkg));
        Set<String> generated = new LinkedHashSet<>();
        store.keySet().forEach(path -> generated.add(path.substring(0, path.length() - ".class".length()).replace('/', '.')));
        AllowList allowList = new AllowList(generated);

        Map<String, Origin> ruleClasses = new HashMap<>();
        List<RuleImpl> rules = new ArrayList<>();
        String anyFile = null;
        for (Rule r : pkg.getRules()) {
            RuleImpl rule = (RuleImpl) r;
            rules.add(rule);
            String file = fileOf.apply(rule);
            anyFile = anyFile == null ? file : anyFile;
            Origin origin = new Origin("rule \"" + rule.getName() + "\"", file, locator.ruleLine(file, rule.getName()));
            if ("mvel".equals(rule.getDialect())) {
                problems.add(RuleProblem.error(file, origin.header(), 1, UNSAFE_DIALECT + ": " + origin.what()
                        + " uses the MVEL dialect, whose code is interpreted when the rule runs and cannot be checked"
                        + " against the safety policy; write it in the java dialect (the default)"));
            }
            String consequence = rule.getConsequence() == null ? "" : rule.getConsequence().getClass().getName();
            if (consequence.endsWith(CONSEQUENCE_SUFFIX)) {
                ruleClasses.put(consequence.substring(0, consequence.length() - CONSEQUENCE_SUFFIX.length()), origin);
            }
        }
        Map<String, Origin> functionClasses = new HashMap<>();
        String pkgPrefix = pkg.getName().isEmpty() ? "" : pkg.getName() + ".";
        sourceByFile.forEach((file, text) -> {
            if (!declaresPackage(text, pkg.getName())) {
                return;
            }
            for (String name : SourceLocator.functionNames(text)) {
                String className = pkgPrefix + Character.toUpperCase(name.charAt(0)) + name.substring(1);
                functionClasses.put(className, new Origin("function \"" + name + "\"", file, locator.functionLine(file, name)));
            }
        });

        Set<String> inlineAccumulators = new java.util.HashSet<>();
        for (RuleImpl rule : rules) {
            walk(rule.getLhs(), element -> {
                if (element instanceof Accumulate accumulate) {
                    for (Accumulator accumulator : accumulate.getAccumulators()) {
                        if (generated.contains(accumulator.getClass().getName())) {
                            inlineAccumulators.add(accumulator.getClass().getName());
                        }
                    }
                }
            });
        }

        Map<String, Set<String>> calls = new HashMap<>();
        Map<String, Origin> originOfMethod = new HashMap<>();
        Set<String> reported = new LinkedHashSet<>();
        for (Map.Entry<String, byte[]> entry : store.entrySet()) {
            ClassNode node = ClassFileScanner.read(entry.getValue());
            String className = node.name.replace('/', '.');
            if (inlineAccumulators.contains(className)) {
                continue; // Drools' own wrapper of inline accumulate code, refused as a whole below
            }
            Origin origin = originOf(className, ruleClasses, functionClasses);
            if (origin == null) {
                origin = new Origin("generated class " + className, anyFile, 0);
            }
            boolean template = isTemplate(node, className, ruleClasses, functionClasses);
            List<ClassFileScanner.Use> uses = ClassFileScanner.uses(node);
            Set<String> ownersOfRefusedMembers = new java.util.HashSet<>();
            for (ClassFileScanner.Use use : uses) {
                CodeReference ref = use.reference();
                if (ref.kind() != CodeReference.Kind.TYPE
                        && !(template ? allowList.allowsInTemplate(ref) : allowList.allowsInRuleCode(ref))) {
                    ownersOfRefusedMembers.add(ref.owner());
                }
            }
            for (ClassFileScanner.Use use : uses) {
                CodeReference ref = use.reference();
                boolean allowed = template ? allowList.allowsInTemplate(ref) : allowList.allowsInRuleCode(ref);
                // A type alone gives no power (using one takes a call, which is reported); it is named on its
                // own only when no refused call or field says more.
                boolean said = ref.kind() == CodeReference.Kind.TYPE && !ownersOfRefusedMembers.isEmpty();
                if (!allowed && !said && reported.add(origin.what() + "|" + ref.display())) {
                    SourceLocator.Position at = locator.find(origin.file(), searchFrom(locator, origin, use.method()), mentionOf(ref));
                    problems.add(RuleProblem.error(origin.file(), at.line(), at.column(), UNSAFE_CALL + ": " + origin.what()
                            + " " + verb(ref) + " " + ref.display() + ", which rule code may not use (allowed: "
                            + AllowList.SUMMARY + ")"));
                }
                if (ref.kind() == CodeReference.Kind.METHOD && generated.contains(ref.owner())) {
                    calls.computeIfAbsent(className + "." + use.method(), k -> new LinkedHashSet<>())
                            .add(ref.owner() + "." + ref.member());
                }
            }
            for (MethodNode method : node.methods) {
                originOfMethod.put(className + "." + method.name, origin);
                if (template) {
                    continue;
                }
                if (!LoopCheck.unboundedLoops(method).isEmpty() && reported.add(origin.what() + "|loop")) {
                    SourceLocator.Position at = firstOf(locator, origin, "while", "do", "for");
                    problems.add(RuleProblem.error(origin.file(), at.line(), at.column(), UNBOUNDED_LOOP + ": " + origin.what()
                            + " has a loop that is not a for-each over a collection or array; rule code may only loop over"
                            + " what it already holds, because the evaluation's time limit cannot stop a consequence"
                            + " that never returns"));
                }
            }
        }
        reportRecursion(calls, originOfMethod, locator, reported, problems);
        checkConditions(pkg, rules, generated, fileOf, locator, problems);
    }

    /** Recursion (a call cycle among generated methods) could run as long as a loop: refused like one. */
    private static void reportRecursion(Map<String, Set<String>> calls, Map<String, Origin> originOfMethod,
                                        SourceLocator locator, Set<String> reported, List<RuleProblem> problems) {
        for (String start : new java.util.TreeSet<>(calls.keySet())) {
            List<String> path = cycleFrom(start, calls);
            Origin origin = originOfMethod.get(start);
            if (path != null && origin != null && reported.add(origin.what() + "|recursion")) {
                String member = path.get(path.size() - 1);
                SourceLocator.Position at = locator.find(origin.file(), origin.header(), member.substring(member.lastIndexOf('.') + 1));
                problems.add(RuleProblem.error(origin.file(), at.line(), at.column(), RECURSION + ": " + origin.what()
                        + " calls itself (through " + String.join(" → ", path.stream().map(SafetyPolicy::shortName).toList())
                        + "); rule code may not recurse, because the evaluation's time limit cannot stop a consequence"
                        + " that never returns"));
            }
        }
    }

    private static List<String> cycleFrom(String start, Map<String, Set<String>> calls) {
        java.util.ArrayDeque<List<String>> queue = new java.util.ArrayDeque<>();
        queue.add(List.of(start));
        Set<String> seen = new java.util.HashSet<>();
        while (!queue.isEmpty()) {
            List<String> path = queue.poll();
            for (String next : calls.getOrDefault(path.get(path.size() - 1), Set.of())) {
                List<String> longer = new ArrayList<>(path);
                longer.add(next);
                if (next.equals(start)) {
                    return longer;
                }
                if (seen.add(next)) {
                    queue.add(longer);
                }
            }
        }
        return null;
    }

    private static String shortName(String method) {
        int dot = method.lastIndexOf('.');
        return method.substring(dot + 1);
    }

    private void checkConditions(InternalKnowledgePackage pkg, List<RuleImpl> rules, Set<String> generated,
                                 Function<RuleImpl, String> fileOf, SourceLocator locator, List<RuleProblem> problems) {
        ConditionCheck check = new ConditionCheck(new AllowList(generated));
        List<String> imports = new ArrayList<>(pkg.getImports().keySet());
        Map<String, String> staticImports = new LinkedHashMap<>();
        for (String imported : pkg.getStaticImports()) {
            int dot = imported.lastIndexOf('.');
            if (dot > 0) {
                staticImports.put(imported.substring(dot + 1), imported.substring(0, dot));
            }
        }
        ClassLoader loader = pkg.getTypeResolver() == null ? getClass().getClassLoader() : pkg.getTypeResolver().getClassLoader();
        Function<String, Class<?>> lookup = name -> {
            try {
                return Class.forName(name, false, loader); // loaded, never initialised: nothing runs
            } catch (ClassNotFoundException | LinkageError e) {
                return null;
            }
        };
        for (RuleImpl rule : rules) {
            String file = fileOf.apply(rule);
            int header = locator.ruleLine(file, rule.getName());
            String what = "rule \"" + rule.getName() + "\"";
            Map<String, Class<?>> bindings = new HashMap<>();
            for (Map.Entry<String, Declaration> d : rule.getDeclarations().entrySet()) {
                bindings.put(d.getKey(), d.getValue().getDeclarationClass());
            }
            List<String> unsupported = new ArrayList<>();
            if (rule.getSalience() instanceof MVELCompileable) {
                unsupported.add("a computed salience");
            }
            if (rule.getEnabled() instanceof MVELCompileable) {
                unsupported.add("a computed enabled condition");
            }
            Set<String> reported = new LinkedHashSet<>();
            walk(rule.getLhs(), element -> {
                if (element instanceof Pattern pattern) {
                    Class<?> type = pattern.getObjectType() instanceof ClassObjectType c ? c.getClassType() : null;
                    for (Constraint constraint : pattern.getConstraints()) {
                        if (constraint instanceof MVELConstraint mvel) {
                            ConditionCheck.Scope scope = new ConditionCheck.Scope(type, bindings, imports, staticImports, generated, lookup);
                            for (String violation : check.violations(mvel.getExpression(), scope)) {
                                if (reported.add(violation)) {
                                    SourceLocator.Position at = locator.find(file, locator.partLine(file, header, "when"), mentionIn(violation));
                                    problems.add(RuleProblem.error(file, at.line(), at.column(), UNSAFE_CALL + ": " + what
                                            + " has a condition (" + mvel.getExpression().trim() + ") that " + violation
                                            + ", which rule code may not use (allowed: " + AllowList.SUMMARY + ")"));
                                }
                            }
                        }
                    }
                } else if (element instanceof From from && from.getDataProvider() instanceof MVELCompileable) {
                    unsupported.add("a from expression");
                } else if (element instanceof Accumulate accumulate) {
                    for (Accumulator accumulator : accumulate.getAccumulators()) {
                        if (accumulator instanceof MVELCompileable) {
                            unsupported.add("an MVEL accumulate");
                        } else if (generated.contains(accumulator.getClass().getName())) {
                            // Its Drools wrapper reads class files through a class loader: more than rule code may do.
                            unsupported.add("inline accumulate code (init/action/result)");
                        }
                    }
                } else if (element instanceof EvalCondition eval && eval.getEvalExpression() instanceof MVELCompileable) {
                    unsupported.add("an MVEL eval");
                }
            });
            for (String construct : new LinkedHashSet<>(unsupported)) {
                String keyword = construct.contains("from") ? "from" : construct.contains("accumulate") ? "accumulate"
                        : construct.contains("salience") ? "salience" : construct.contains("enabled") ? "enabled" : "eval";
                SourceLocator.Position at = locator.find(file, header, keyword);
                String why = construct.startsWith("inline")
                        ? ", which Drools wraps in code the safety policy does not allow; use an accumulate function"
                        + " (sum, count, collectList, …) or a function instead"
                        : ", an MVEL expression evaluated when the rule runs that the safety policy cannot check;"
                        + " bind the value in a pattern or compute it in a function instead";
                problems.add(RuleProblem.error(file, at.line(), at.column(), UNSAFE_CALL + ": " + what + " uses " + construct + why));
            }
        }
    }

    private static void walk(RuleConditionElement element, java.util.function.Consumer<RuleConditionElement> visit) {
        if (element == null) {
            return;
        }
        visit.accept(element);
        if (element instanceof Pattern pattern) {
            if (pattern.getSource() != null) {
                walk(pattern.getSource(), visit);
            }
            return;
        }
        if (element instanceof Collect collect) {
            walk(collect.getSourcePattern(), visit);
            return;
        }
        if (element instanceof Accumulate accumulate) {
            walk(accumulate.getSource(), visit);
            return;
        }
        if (element instanceof GroupElement group) {
            for (RuleConditionElement child : group.getChildren()) {
                walk(child, visit);
            }
            return;
        }
        List<? extends RuleConditionElement> nested = element.getNestedElements();
        if (nested != null) {
            for (RuleConditionElement child : nested) {
                if (child != element) {
                    walk(child, visit);
                }
            }
        }
    }

    private static Map<String, byte[]> storeOf(InternalKnowledgePackage pkg) {
        return pkg.getDialectRuntimeRegistry().getDialectData("java") instanceof JavaDialectRuntimeData java
                ? java.getStore() : Map.of();
    }

    private static boolean declaresPackage(String text, String pkg) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)").matcher(text);
        return m.find() ? m.group(1).equals(pkg) : pkg.isEmpty();
    }

    private static Origin originOf(String className, Map<String, Origin> ruleClasses, Map<String, Origin> functionClasses) {
        String outer = className.contains("$") && !className.contains("$u") ? className.substring(0, className.indexOf('$')) : className;
        if (functionClasses.containsKey(outer)) {
            return functionClasses.get(outer);
        }
        String best = null;
        for (String prefix : ruleClasses.keySet()) {
            if (className.startsWith(prefix)
                    && (className.length() == prefix.length() || !Character.isDigit(className.charAt(prefix.length())))
                    && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? null : ruleClasses.get(best);
    }

    /** A Drools invoker stub: named after its rule, not a function, implements CompiledInvoker. */
    private static boolean isTemplate(ClassNode node, String className, Map<String, Origin> ruleClasses,
                                      Map<String, Origin> functionClasses) {
        if (functionClasses.containsKey(className) || !node.interfaces.contains(COMPILED_INVOKER)
                || !className.endsWith("Invoker") || node.nestHostClass != null) {
            return false;
        }
        for (String prefix : ruleClasses.keySet()) {
            String rest = className.startsWith(prefix) ? className.substring(prefix.length()) : "";
            if (rest.matches("[A-Z][A-Za-z]*\\d*Invoker")) {
                return true;
            }
        }
        return false;
    }

    /** A consequence's code is looked for after "then", an eval's or accumulate's after "when". */
    private static int searchFrom(SourceLocator locator, Origin origin, String method) {
        if (!origin.what().startsWith("rule ")) {
            return origin.header();
        }
        return locator.partLine(origin.file(), origin.header(), method.contains("onsequence") ? "then" : "when");
    }

    private static String verb(CodeReference ref) {
        return switch (ref.kind()) {
            case METHOD -> "calls";
            case FIELD -> "uses the field";
            case TYPE -> "uses the type";
        };
    }

    /** The word an author would have written for a reference: the method, field or simple class name. */
    private static String mentionOf(CodeReference ref) {
        if (ref.kind() == CodeReference.Kind.TYPE || ref.member().equals("<init>")) {
            String owner = ref.owner();
            return owner.substring(owner.lastIndexOf('.') + 1).replaceAll(".*\\$", "");
        }
        return ref.member();
    }

    private static String mentionIn(String violation) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Za-z_$][\\w$]*)(\\(…\\))?$").matcher(
                violation.replaceAll(", which.*", ""));
        if (violation.startsWith("uses '")) {
            return "";
        }
        if (violation.contains(".class")) {
            return "class";
        }
        return m.find() ? m.group(1) : "";
    }

    private static SourceLocator.Position firstOf(SourceLocator locator, Origin origin, String... words) {
        SourceLocator.Position best = null;
        for (String word : words) {
            SourceLocator.Position at = locator.find(origin.file(), origin.header(), word);
            if (at.line() != origin.header() && (best == null || at.line() < best.line()
                    || at.line() == best.line() && at.column() < best.column())) {
                best = at;
            }
        }
        return best != null ? best : new SourceLocator.Position(origin.header(), 1);
    }

}
