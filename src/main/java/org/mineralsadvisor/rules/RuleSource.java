package org.mineralsadvisor.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules and functions of a rule set's DRL files as written (parameters unbound), split into
 * tokens, so that two versions can be compared rule by rule and literal by literal.
 */
final class RuleSource {
    /** One token of DRL text and its 1-based line in the file. */
    record Token(String text, int line) {
        /** A number or a parameter placeholder: a value that a threshold change changes. */
        boolean isValue() {
            return NUMBER.matcher(text).matches() || text.startsWith(ParameterPlaceholders.OPEN);
        }
    }

    /**
     * A rule as written: its name with placeholders, its policy id, and the tokens of its header
     * (name, metadata, attributes), its condition and its consequence.
     */
    record Rule(String key, String rawName, String packageName, String file, int line, String policyId, String text,
                List<Token> header, List<Token> condition, List<Token> consequence) {
    }

    /** A DRL function as written. */
    record Function(String name, String file, int line, String text, List<Token> tokens) {
    }

    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;?");
    private static final Pattern FUNCTION = Pattern.compile("^\\s*function\\s+[\\w.<>\\[\\], ]+?\\s+(\\w+)\\s*\\(");
    private static final Pattern WHEN = Pattern.compile("^\\s*when\\b");
    private static final Pattern THEN = Pattern.compile("^\\s*then\\b");
    private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d_]*(?:\\.\\d+)?(?:[eE][-+]?\\d+)?[dDfFlL]?");
    private static final Pattern TOKEN = Pattern.compile(
            "//[^\\n]*|/\\*.*?\\*/|\"(?:[^\"\\\\\\n]|\\\\.)*\"|\\$\\{[^}\\n]*}|\\d[\\d_]*(?:\\.\\d+)?(?:[eE][-+]?\\d+)?[dDfFlL]?"
                    + "|[$\\w]+|\\S", Pattern.DOTALL);

    final Map<String, Rule> rules = new LinkedHashMap<>();
    final Map<String, Function> functions = new LinkedHashMap<>();

    /** Reads every {@code .drl} file of {@code sources} (path in the rules directory → text). */
    static RuleSource of(Map<String, String> sources) {
        RuleSource source = new RuleSource();
        String root = RuleSetCompiler.DISPLAY_ROOT;
        sources.forEach((name, text) -> {
            if (name.endsWith(".drl")) {
                source.read(root + "/" + name, text);
            }
        });
        return source;
    }

    /** Reads DRL texts keyed by the names people see ({@code rules/stockpile.drl}). */
    static RuleSource ofDisplayed(Map<String, String> textByFile) {
        RuleSource source = new RuleSource();
        new java.util.TreeMap<>(textByFile).forEach(source::read);
        return source;
    }

    /** The parameters that {@code rule}'s text or a function it calls names, in order of first mention. */
    List<PolicyParameter> parametersOf(Rule rule, PolicyCatalogue catalogue) {
        java.util.Set<PolicyParameter> named = new java.util.LinkedHashSet<>();
        collect(rule.text(), rule.policyId(), catalogue, named);
        for (Function function : functions.values()) {
            if (calls(rule, function.name())) {
                collect(function.text(), null, catalogue, named);
            }
        }
        return List.copyOf(named);
    }

    /** Whether the rule's text calls {@code function}. */
    static boolean calls(Rule rule, String function) {
        return Pattern.compile("(?<![\\w.$])" + Pattern.quote(function) + "\\s*\\(").matcher(rule.text()).find();
    }

    private static void collect(String text, String ownPolicy, PolicyCatalogue catalogue, java.util.Set<PolicyParameter> into) {
        Matcher m = ParameterPlaceholders.PLACEHOLDER.matcher(text);
        while (m.find()) {
            String policyId = m.group(1) != null ? m.group(1) : ownPolicy;
            PolicyCatalogue.Policy policy = policyId == null ? null : catalogue.policies().get(policyId);
            PolicyParameter parameter = policy == null ? null : policy.parameters().get(m.group(2));
            if (parameter != null) {
                into.add(parameter);
            }
        }
    }

    private void read(String file, String text) {
        Matcher pkg = PACKAGE.matcher(text);
        String packageName = pkg.find() ? pkg.group(1) : "";
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher header = DrlParameters.RULE_HEADER.matcher(lines[i]);
            Matcher function = FUNCTION.matcher(lines[i]);
            if (header.find()) {
                int end = i;
                while (end < lines.length - 1 && (end == i || !DrlParameters.RULE_END.matcher(lines[end]).find())) {
                    end++;
                }
                addRule(file, packageName, header.group(2) != null ? header.group(2) : header.group(3), lines, i, end);
                i = end;
            } else if (function.find()) {
                int end = closingLine(lines, i);
                String body = String.join("\n", java.util.Arrays.copyOfRange(lines, i, end + 1));
                functions.putIfAbsent(function.group(1), new Function(function.group(1), file, i + 1, body, tokens(body, i + 1)));
                i = end;
            }
        }
    }

    private void addRule(String file, String packageName, String rawName, String[] lines, int start, int end) {
        int when = -1;
        int then = -1;
        String policyId = null;
        for (int j = start; j <= end; j++) {
            if (when < 0 && WHEN.matcher(lines[j]).find()) {
                when = j;
            } else if (then < 0 && when >= 0 && THEN.matcher(lines[j]).find()) {
                then = j;
            }
            Matcher policy = DrlParameters.POLICY_ID.matcher(lines[j]);
            if (policyId == null && policy.find()) {
                policyId = policy.group(1);
            }
        }
        int conditionStart = when < 0 ? end + 1 : when;
        int consequenceStart = then < 0 ? end + 1 : then;
        String key = packageName + "/" + rawName;
        rules.putIfAbsent(key, new Rule(key, rawName, packageName, file, start + 1, policyId,
                String.join("\n", java.util.Arrays.copyOfRange(lines, start, end + 1)),
                tokens(lines, start, conditionStart), tokens(lines, conditionStart, consequenceStart),
                tokens(lines, consequenceStart, end + 1)));
    }

    /** The line on which the braces opened on {@code start} close (the last line when they never do). */
    private static int closingLine(String[] lines, int start) {
        int depth = 0;
        boolean opened = false;
        for (int j = start; j < lines.length; j++) {
            for (Token token : tokens(lines[j], j + 1)) {
                if (token.text.equals("{")) {
                    depth++;
                    opened = true;
                } else if (token.text.equals("}")) {
                    depth--;
                }
            }
            if (opened && depth <= 0) {
                return j;
            }
        }
        return lines.length - 1;
    }

    private static List<Token> tokens(String[] lines, int from, int to) {
        List<Token> tokens = new ArrayList<>();
        for (int j = from; j < Math.min(to, lines.length); j++) {
            tokens.addAll(tokens(lines[j], j + 1));
        }
        return tokens;
    }

    /** The tokens of {@code text} whose first line is {@code firstLine}; comments are left out. */
    static List<Token> tokens(String text, int firstLine) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        int line = firstLine;
        int at = 0;
        while (m.find()) {
            for (int k = at; k < m.start(); k++) {
                if (text.charAt(k) == '\n') {
                    line++;
                }
            }
            String token = m.group();
            if (!token.startsWith("//") && !token.startsWith("/*")) {
                tokens.add(new Token(token, line));
            }
            for (int k = m.start(); k < m.end(); k++) {
                if (text.charAt(k) == '\n') {
                    line++;
                }
            }
            at = m.end();
        }
        return tokens;
    }
}
