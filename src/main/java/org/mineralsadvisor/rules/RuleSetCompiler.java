package org.mineralsadvisor.rules;

import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Declaration;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.rule.constraint.Constraint;
import org.drools.core.base.FieldNameSupplier;
import org.drools.mvel.MVELConstraint;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;
import org.mineralsadvisor.model.FactProperties;
import org.mineralsadvisor.provenance.ContentHash;
import org.mineralsadvisor.rules.safety.MetadataCheck;
import org.mineralsadvisor.rules.safety.SafetyPolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * Compiles the DRL files of a rules directory into a {@link RuleSet} and checks that every
 * rule cites a catalogued policy and carries an explanation.
 */
public final class RuleSetCompiler {
    public static final String POLICY_ID = "policyId";
    public static final String EXPLAIN = "explain";
    /** The directory name rule problems and traces give files under, wherever the rules live. */
    public static final String DISPLAY_ROOT = "rules";

    private static final java.util.regex.Pattern PARSER_POSITION =
            java.util.regex.Pattern.compile("Line (\\d+):(\\d+)");
    private static final java.util.regex.Pattern UNANALYSABLE =
            java.util.regex.Pattern.compile("Unable to Analyse Expression (.+?): \\[Error");
    private static final java.util.regex.Pattern PACKAGE =
            java.util.regex.Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;?");

    /** Compiles {@code rulesDir}; throws with every problem when any is an error. */
    public RuleSet compile(Path rulesDir) {
        List<RuleProblem> problems = new ArrayList<>();
        RuleSet ruleSet = compile(rulesDir, problems);
        if (ruleSet == null) {
            throw new InvalidRuleSetException(problems);
        }
        return ruleSet;
    }

    /** Compiles {@code rulesDir}, adding every problem found; null when any is an error. */
    public RuleSet compile(Path rulesDir, List<RuleProblem> problems) {
        String dirName = displayRoot(rulesDir);
        if (!Files.isDirectory(rulesDir)) {
            problems.add(RuleProblem.error(dirName, 0, 0, "rules directory not found: " + rulesDir));
            return null;
        }
        Map<String, String> sources = new TreeMap<>();
        List<Path> files = new ArrayList<>(drlFiles(rulesDir));
        if (Files.isRegularFile(rulesDir.resolve(PolicyCatalogue.FILE_NAME))) {
            files.add(rulesDir.resolve(PolicyCatalogue.FILE_NAME));
        }
        for (Path file : files) {
            sources.put(rulesDir.relativize(file).toString().replace('\\', '/'), read(file));
        }
        return compile(rulesDir, sources, problems);
    }

    /**
     * Compiles a rule set from file contents (path relative to the rules directory → text),
     * e.g. as stored with an advice. The version is computed from these contents.
     */
    public RuleSet compile(Path rulesDir, Map<String, String> sources, List<RuleProblem> problems) {
        String dirName = displayRoot(rulesDir);
        Map<String, String> sorted = new TreeMap<>(sources);
        List<String> drl = sorted.keySet().stream().filter(name -> name.endsWith(".drl")).toList();
        if (drl.isEmpty()) {
            problems.add(RuleProblem.error(dirName, 0, 0, "no .drl files in " + rulesDir));
        }
        String catalogueName = dirName + "/" + PolicyCatalogue.FILE_NAME;
        PolicyCatalogue catalogue = PolicyCatalogue.read(sorted.get(PolicyCatalogue.FILE_NAME), catalogueName, problems);
        if (problems.stream().anyMatch(p -> p.message().startsWith(PolicyCatalogue.INVALID_YAML))) {
            // Without the catalogue no parameter resolves: every ${…} of every rule would be reported
            // again, burying the one problem to fix first.
            return null;
        }
        RuleStages stages = RuleStages.read(sorted.get(PolicyCatalogue.FILE_NAME), catalogueName, problems);

        KieServices kieServices = KieServices.Factory.get();
        KieFileSystem kfs = kieServices.newKieFileSystem();
        Map<String, String> displayByKiePath = new HashMap<>();
        Map<String, Map<String, Integer>> linesByFile = new HashMap<>();
        Map<String, String> sourceByFile = new HashMap<>();
        Map<String, DrlParameters> boundByFile = new HashMap<>();
        List<byte[]> hashed = new ArrayList<>();
        sorted.values().forEach(text -> hashed.add(text.getBytes(StandardCharsets.UTF_8)));
        String version = ContentHash.ofContents(hashed);
        for (String name : drl) {
            String text = sorted.get(name);
            Matcher m = PACKAGE.matcher(text);
            String pkgPath = m.find() ? m.group(1).replace('.', '/') + "/" : "";
            // A path that mirrors the package keeps Drools' package-location warnings away.
            String kiePath = "src/main/resources/" + pkgPath + name;
            String display = dirName + "/" + name;
            displayByKiePath.put(kiePath, display);
            displayByKiePath.put(kiePath.substring("src/main/resources/".length()), display);
            DrlParameters parameters = DrlParameters.bind(text, display, catalogue.placeholders(), problems);
            boundByFile.put(display, parameters);
            linesByFile.put(display, ruleLines(parameters.text()));
            sourceByFile.put(display, text);
            kfs.write(kiePath, parameters.text().getBytes(StandardCharsets.UTF_8));
            // What Drools will build, so checked with the parameters in place (lines are unchanged).
            problems.addAll(MetadataCheck.check(display, parameters.text()));
        }
        if (problems.stream().anyMatch(p -> p.message().startsWith(MetadataCheck.UNSAFE_METADATA))) {
            return null; // building would evaluate the offending metadata
        }
        catalogue.warnUnused(catalogueName, problems);
        ReleaseId releaseId = kieServices.newReleaseId("org.mineralsadvisor.rules", "ruleset",
                version.substring("sha256:".length(), "sha256:".length() + 16));
        kfs.generateAndWritePomXML(releaseId);
        KieBuilder builder = kieServices.newKieBuilder(kfs).buildAll();
        List<Message> messages = builder.getResults().getMessages();
        Set<String> filesWithSyntaxErrors = new HashSet<>();
        for (Message message : messages) {
            if (message.getLevel() == Message.Level.ERROR && message.getLine() > 0) {
                filesWithSyntaxErrors.add(message.getPath());
            }
        }
        for (Message message : messages) {
            String file = displayByKiePath.getOrDefault(message.getPath(), message.getPath() == null ? dirName : message.getPath());
            String text = message.getText().replaceAll("\\s+", " ").trim();
            if (text.contains("Parser returned a null Package") && filesWithSyntaxErrors.contains(message.getPath())) {
                continue; // a consequence of the located syntax error reported for the same file
            }
            int column = message.getColumn();
            Matcher position = PARSER_POSITION.matcher(text);
            if (column <= 0 && position.find() && Integer.parseInt(position.group(1)) == message.getLine()) {
                column = Integer.parseInt(position.group(2)) + 1; // the parser counts columns from 0
            }
            int line = message.getLine();
            Matcher analysed = UNANALYSABLE.matcher(text);
            if (line <= 0 && analysed.find() && sourceByFile.containsKey(file)) {
                // MVEL's analysis errors carry no position: place them on the expression they quote.
                int at = sourceByFile.get(file).indexOf(analysed.group(1).trim());
                if (at >= 0) {
                    String before = sourceByFile.get(file).substring(0, at);
                    line = (int) before.chars().filter(c -> c == '\n').count() + 1;
                    column = at - before.lastIndexOf('\n');
                }
            }
            DrlParameters bound = boundByFile.get(file);
            if (bound != null && message.getLine() > 0) {
                column = bound.originalColumn(message.getLine(), column); // as the author wrote the line
            }
            if (message.getLevel() == Message.Level.ERROR) {
                problems.add(RuleProblem.error(file, line, column, text));
            } else if (message.getLevel() == Message.Level.WARNING) {
                problems.add(RuleProblem.warning(file, line, column, text));
            }
        }
        if (problems.stream().anyMatch(RuleProblem::isError)) {
            kieServices.getRepository().removeKieModule(releaseId);
            return null;
        }
        KieContainer container = kieServices.newKieContainer(releaseId);
        KieBase kieBase = container.getKieBase();
        // The container only served to build the KieBase; the repository must not keep every
        // version an author ever compiled.
        kieServices.getRepository().removeKieModule(releaseId);

        // Rule code runs inside the service: hold what Drools generated to the safety policy before
        // anything can fire it (the check reads class bytes; it loads and runs nothing).
        problems.addAll(new SafetyPolicy().check(kieBase, sourceByFile, rule -> fileOf(rule, displayByKiePath)));
        Map<String, RuleInfo> rules = describeRules(kieBase, displayByKiePath, linesByFile, sourceByFile, catalogue, problems);
        checkCoverage(catalogue, rules, catalogueName, problems);
        stages.check(kieBase, rules, file -> file.startsWith(dirName + "/") ? sorted.get(file.substring(dirName.length() + 1)) : null,
                catalogueName, problems);
        if (problems.stream().anyMatch(RuleProblem::isError)) {
            return null;
        }
        List<RuleProblem> warnings = problems.stream().filter(p -> !p.isError()).toList();
        // Read-only after this point, so the identity map is safe to share between threads.
        java.util.IdentityHashMap<Rule, RuleInfo> byRule = new java.util.IdentityHashMap<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                byRule.put(rule, rules.get(rule.getPackageName() + "/" + rule.getName()));
            }
        }
        return new RuleSet(rulesDir, version, java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sorted)),
                kieBase, rules, java.util.Collections.unmodifiableMap(byRule), catalogue, warnings, Instant.now(), stages);
    }

    private static Map<String, RuleInfo> describeRules(KieBase kieBase, Map<String, String> displayByKiePath,
                                                       Map<String, Map<String, Integer>> linesByFile,
                                                       Map<String, String> sourceByFile,
                                                       PolicyCatalogue catalogue, List<RuleProblem> problems) {
        List<RuleImpl> all = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                all.add((RuleImpl) rule);
            }
        }
        all.sort(Comparator.comparing((RuleImpl r) -> fileOf(r, displayByKiePath)).thenComparingInt(RuleImpl::getLoadOrder));
        Map<String, RuleInfo> rules = new LinkedHashMap<>();
        RuleSource written = RuleSource.ofDisplayed(sourceByFile);
        for (RuleImpl rule : all) {
            String file = fileOf(rule, displayByKiePath);
            int line = linesByFile.getOrDefault(file, Map.of()).getOrDefault(rule.getName(), 0);
            String where = "rule \"" + rule.getName() + "\"";
            Object policyId = rule.getMetaData().get(POLICY_ID);
            if (policyId == null || policyId.toString().isBlank()) {
                problems.add(RuleProblem.error(file, line, 1, where + " has no @" + POLICY_ID + "(\"…\") metadata"));
            } else if (!catalogue.contains(policyId.toString())) {
                problems.add(RuleProblem.error(file, line, 1, where + " cites policy " + policyId
                        + ", which is not in " + PolicyCatalogue.FILE_NAME));
            }
            Object explain = rule.getMetaData().get(EXPLAIN);
            if (explain == null || explain.toString().isBlank()) {
                problems.add(RuleProblem.error(file, line, 1, where + " has no @" + EXPLAIN + "(\"…\") template"));
            } else {
                ExplanationCheck.check(rule, explain.toString(), file, sourceByFile.get(file), line, problems);
            }
            ExplanationTemplate template = ExplanationTemplate.parse(explain == null ? rule.getName() : explain.toString());
            Map<Class<?>, Set<String>> watched = watchedProperties(rule, template);
            Map<String, String> declarations = new LinkedHashMap<>();
            for (String id : rule.getDeclarations().keySet()) {
                declarations.put(ExplanationTemplate.bareName(id), id);
            }
            rules.put(rule.getPackageName() + "/" + rule.getName(), new RuleInfo(rule.getName(), rule.getPackageName(),
                    file, line, policyId == null ? null : policyId.toString(),
                    explain == null ? null : explain.toString(), template, watched,
                    java.util.Collections.unmodifiableMap(declarations), parametersOf(written, file, line, catalogue)));
        }
        return rules;
    }

    /** The parameters the rule written at {@code file:line} names, itself or through the functions it calls. */
    private static List<PolicyParameter> parametersOf(RuleSource written, String file, int line, PolicyCatalogue catalogue) {
        for (RuleSource.Rule rule : written.rules.values()) {
            if (rule.file().equals(file) && rule.line() == line) {
                return written.parametersOf(rule, catalogue);
            }
        }
        return List.of();
    }

    private static void checkCoverage(PolicyCatalogue catalogue, Map<String, RuleInfo> rules, String catalogueFile,
                                      List<RuleProblem> problems) {
        Set<String> cited = new HashSet<>();
        rules.values().forEach(r -> cited.add(r.policyId()));
        for (PolicyCatalogue.Policy policy : catalogue.policies().values()) {
            if (!cited.contains(policy.id()) && !catalogue.computedByService(policy.id())) {
                problems.add(RuleProblem.warning(catalogueFile, policy.line(), 1,
                        "policy " + policy.id() + " (" + policy.title() + ") is catalogued but no rule carries it"));
            }
        }
    }

    /** Per fact class, the properties that the rule's patterns (nested ones included) constrain or bind,
     *  and those its explanation reads. */
    static Map<Class<?>, Set<String>> watchedProperties(RuleImpl rule, ExplanationTemplate template) {
        Map<Class<?>, Set<String>> watched = new LinkedHashMap<>();
        collect(rule.getLhs(), watched);
        // What the explanation reads of a bound fact mattered too ({i.stockDays} → stockDays).
        for (ExplanationTemplate.Reference ref : template.references()) {
            Declaration declaration = rule.getDeclarations().get("$" + ref.name());
            if (declaration == null) {
                declaration = rule.getDeclarations().get(ref.name());
            }
            if (declaration != null && declaration.getPattern() != null
                    && declaration.getPattern().getObjectType() instanceof ClassObjectType type
                    && FactProperties.of(type.getClassType()).containsKey(ref.property())) {
                watched.computeIfAbsent(type.getClassType(), k -> new LinkedHashSet<>()).add(ref.property());
            }
        }
        // Ordered sets: the trace lists fields and evidence in this order, and Set.copyOf's order
        // changes from one JVM to the next, which would break byte-for-byte determinism.
        Map<Class<?>, Set<String>> frozen = new LinkedHashMap<>();
        watched.forEach((k, v) -> frozen.put(k, java.util.Collections.unmodifiableSet(new LinkedHashSet<>(v))));
        return java.util.Collections.unmodifiableMap(frozen);
    }

    private static final java.util.regex.Pattern IDENTIFIER =
            java.util.regex.Pattern.compile("(?<![$\\w.])([A-Za-z_]\\w*)");

    private static void collect(RuleConditionElement element, Map<Class<?>, Set<String>> watched) {
        if (element instanceof Pattern pattern && pattern.getObjectType() instanceof ClassObjectType type
                && type.getClassType().isRecord()) {
            Class<?> factClass = type.getClassType();
            Set<String> components = Set.copyOf(FactProperties.names(factClass));
            Set<String> props = watched.computeIfAbsent(factClass, k -> new LinkedHashSet<>());
            for (Constraint constraint : pattern.getConstraints()) {
                String expression = constraint instanceof MVELConstraint mvel ? mvel.getExpression() : constraint.toString();
                Matcher m = IDENTIFIER.matcher(expression == null ? "" : expression);
                while (m.find()) {
                    if (components.contains(m.group(1))) {
                        props.add(m.group(1));
                    }
                }
            }
            for (Declaration declaration : pattern.getDeclarations().values()) {
                if (!declaration.isPatternDeclaration() && declaration.getExtractor() instanceof FieldNameSupplier field
                        && components.contains(field.getFieldName())) {
                    props.add(field.getFieldName());
                }
            }
        }
        if (element instanceof Pattern pattern && pattern.getSource() != null) {
            collect(pattern.getSource(), watched);
        }
        List<? extends RuleConditionElement> nested = element.getNestedElements();
        if (nested != null && !(element instanceof Pattern)) {
            for (RuleConditionElement child : nested) {
                if (child != element) {
                    collect(child, watched);
                }
            }
        }
    }

    private static String fileOf(RuleImpl rule, Map<String, String> displayByKiePath) {
        String path = rule.getResource() == null ? null : rule.getResource().getSourcePath();
        return path == null ? "?" : displayByKiePath.getOrDefault(path, path);
    }

    static List<Path> drlFiles(Path rulesDir) {
        try (Stream<Path> walk = Files.walk(rulesDir)) {
            return walk.filter(p -> p.toString().endsWith(".drl") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(p -> rulesDir.relativize(p).toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Files are named within the rule set ("rules/stockpile.drl") wherever its directory lives,
     * so that advice, traces and replays do not depend on a deployment's paths.
     */
    static String displayRoot(Path rulesDir) {
        return DISPLAY_ROOT;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-based line of each rule's header in a DRL text (Drools does not keep it). */
    static Map<String, Integer> ruleLines(String text) {
        Map<String, Integer> lines = new HashMap<>();
        String[] rows = text.split("\n", -1);
        java.util.regex.Pattern head = java.util.regex.Pattern.compile("^\\s*rule\\s+(\"([^\"]*)\"|(\\S+))");
        for (int i = 0; i < rows.length; i++) {
            Matcher m = head.matcher(rows[i]);
            if (m.find()) {
                lines.putIfAbsent(m.group(2) != null ? m.group(2) : m.group(3), i + 1);
            }
        }
        return lines;
    }
}
