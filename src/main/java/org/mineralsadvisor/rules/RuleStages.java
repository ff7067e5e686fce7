package org.mineralsadvisor.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.Agenda;
import org.mineralsadvisor.profile.Suggestions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stages a rule set runs in, in order: the {@code stages:} list of {@code policies.yaml},
 * the one place that orders them. Each rule names its stage with the DRL attribute
 * {@code agenda-group "…"}; the session fires the stages one after the other, so a rule only
 * sees facts of its own and earlier stages.
 *
 * <p>A pack without a {@code stages:} list (rule sets stored before stages existed) runs as it
 * always did: every rule in Drools' main agenda, ordered by salience.
 */
public final class RuleStages {
    static final String KEY = "stages";
    static final String STAGES_MALFORMED = "stages_malformed";
    static final String STAGE_MALFORMED = "stage_malformed";
    static final String STAGE_RESERVED = "stage_reserved";
    static final String STAGE_DUPLICATE = "stage_duplicate";
    static final String STAGE_UNKNOWN = "stage_unknown";
    static final String STAGE_MISSING = "stage_missing";
    static final String STAGE_WITHOUT_LIST = "stage_without_list";
    static final String STAGE_UNUSED = "stage_unused";
    /** Where Drools puts a rule that names no agenda group. */
    private static final String MAIN = "MAIN";
    private static final RuleStages NONE = new RuleStages(List.of());

    private final List<String> names;
    /** Each stage's line in the catalogue, to locate a warning about it. */
    private final Map<String, Integer> lines;

    private RuleStages(List<String> names) {
        this(names, Map.of());
    }

    private RuleStages(List<String> names, Map<String, Integer> lines) {
        this.names = names;
        this.lines = lines;
    }

    /** The stage names in firing order; empty for a pack without stages. */
    public List<String> names() {
        return names;
    }

    /** Queues the stages on {@code session}'s agenda so that one {@code fireAllRules} runs them in order. */
    public void focus(KieSession session) {
        Agenda agenda = session.getAgenda();
        // The agenda is a stack: the last stage goes in first so that the first one is on top.
        for (int i = names.size() - 1; i >= 0; i--) {
            agenda.getAgendaGroup(names.get(i)).setFocus();
        }
    }

    /** Reads the {@code stages:} list of the catalogue text (null when the file is missing). */
    static RuleStages read(String text, String displayName, List<RuleProblem> problems) {
        JsonNode root;
        try {
            root = text == null ? null : new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (IOException e) {
            return NONE; // the policy catalogue reports the YAML error
        }
        JsonNode list = root == null ? null : root.get(KEY);
        if (list == null) {
            return NONE;
        }
        int keyLine = lineOf(text, Pattern.compile("^" + KEY + "\\s*:"));
        if (!list.isArray() || list.isEmpty()) {
            problems.add(RuleProblem.error(displayName, keyLine, 1,
                    STAGES_MALFORMED + ": '" + KEY + ":' must list the stage names in firing order"));
            return NONE;
        }
        Map<String, Integer> names = new LinkedHashMap<>();
        List<Integer> entryLines = entryLines(text, keyLine);
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String name = entry.isTextual() ? entry.asText().strip() : "";
            int line = i < entryLines.size() ? entryLines.get(i) : keyLine;
            if (name.isEmpty()) {
                problems.add(RuleProblem.error(displayName, line, 1, STAGE_MALFORMED + ": a stage must be a non-empty name, not " + entry));
            } else if (name.equals(MAIN)) {
                problems.add(RuleProblem.error(displayName, line, 1, STAGE_RESERVED + ": stage name " + MAIN + " is reserved by Drools"));
            } else if (names.putIfAbsent(name, line) != null) {
                problems.add(RuleProblem.error(displayName, line, 1, STAGE_DUPLICATE + ": stage " + name + " is listed twice"));
            }
        }
        return new RuleStages(List.copyOf(names.keySet()), Map.copyOf(names));
    }

    /**
     * Checks that every rule names a stage of this list (or, in a pack without stages, none),
     * locating each problem at the rule's {@code agenda-group} attribute or its header.
     *
     * @param rules    the compiled rules' info, keyed as {@link RuleSet#rulesByKey()}
     * @param textOf   a rule file's text by the name that {@link RuleInfo#file()} shows
     */
    void check(KieBase kieBase, Map<String, RuleInfo> rules, Function<String, String> textOf, String catalogueName,
               List<RuleProblem> problems) {
        Set<String> used = new LinkedHashSet<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                RuleInfo info = rules.get(rule.getPackageName() + "/" + rule.getName());
                if (info == null) {
                    continue;
                }
                String stage = ((RuleImpl) rule).getAgendaGroup();
                used.add(stage);
                String where = "rule \"" + rule.getName() + "\"";
                if (names.isEmpty() && !MAIN.equals(stage)) {
                    RuleProblem at = at(info, textOf);
                    problems.add(RuleProblem.error(at.file(), at.line(), at.column(), STAGE_WITHOUT_LIST + ": " + where
                            + " names stage \"" + stage + "\", but " + PolicyCatalogue.FILE_NAME + " has no '" + KEY + ":' list"));
                } else if (!names.isEmpty() && MAIN.equals(stage)) {
                    problems.add(RuleProblem.error(info.file(), info.line(), 1, STAGE_MISSING + ": " + where
                            + " names no stage: add agenda-group \"…\" with one of " + String.join(", ", names)));
                } else if (!names.isEmpty() && !names.contains(stage)) {
                    RuleProblem at = at(info, textOf);
                    problems.add(RuleProblem.error(at.file(), at.line(), at.column(), STAGE_UNKNOWN + ": " + where
                            + " names stage \"" + stage + "\", which is not in the '" + KEY + ":' list of "
                            + PolicyCatalogue.FILE_NAME + Suggestions.of(names).closest(stage)
                                    .map(c -> "; did you mean \"" + c + "\"?").orElse("")
                            + " (" + String.join(", ", names) + ")"));
                }
            }
        }
        for (String name : names) {
            if (!used.contains(name)) {
                problems.add(RuleProblem.warning(catalogueName, lines.getOrDefault(name, 0), 1,
                        STAGE_UNUSED + ": stage " + name + " has no rule"));
            }
        }
    }

    private static final Pattern ATTRIBUTE = Pattern.compile("agenda-group\\s+(\")");
    private static final Pattern WHEN = Pattern.compile("^\\s*when\\b");

    /** The position of the stage name in the rule's {@code agenda-group} attribute (else the rule's header). */
    private static RuleProblem at(RuleInfo info, Function<String, String> textOf) {
        String text = textOf.apply(info.file());
        if (text != null && info.line() > 0) {
            String[] rows = text.split("\n", -1);
            for (int i = info.line() - 1; i < rows.length && (i == info.line() - 1 || !WHEN.matcher(rows[i]).find()); i++) {
                Matcher m = ATTRIBUTE.matcher(rows[i]);
                if (m.find()) {
                    return RuleProblem.error(info.file(), i + 1, m.start(1) + 1, "");
                }
            }
        }
        return RuleProblem.error(info.file(), info.line(), 1, "");
    }

    /** The lines of the list items under the key on {@code keyLine} (a block list, as the catalogue writes it). */
    private static List<Integer> entryLines(String text, int keyLine) {
        List<Integer> lines = new ArrayList<>();
        List<String> rows = text.lines().toList();
        for (int i = keyLine; keyLine > 0 && i < rows.size(); i++) {
            String row = rows.get(i);
            if (row.matches("\\s*-.*")) {
                lines.add(i + 1);
            } else if (!row.isBlank() && !row.startsWith(" ") && !row.startsWith("#")) {
                break; // the next top-level key
            }
        }
        return lines;
    }

    private static int lineOf(String text, Pattern pattern) {
        List<String> rows = new ArrayList<>(text.lines().toList());
        for (int i = 0; i < rows.size(); i++) {
            if (pattern.matcher(rows.get(i)).find()) {
                return i + 1;
            }
        }
        return 0;
    }
}
