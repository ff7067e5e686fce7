package org.mineralsadvisor.rules.safety;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Places a finding in the DRL text. Drools does not keep where a generated class's code came
 * from once the rule set is built, so a finding is placed on the first mention of the name it is
 * about inside the rule or function, or else on its header line.
 */
final class SourceLocator {

    record Position(int line, int column) {
    }

    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+(\"([^\"]*)\"|(\\S+))");
    private static final Pattern FUNCTION = Pattern.compile("^\\s*function\\s+[\\w.<>\\[\\], ?]+?\\s+(\\w+)\\s*\\(");

    private final Map<String, String[]> linesByFile = new HashMap<>();

    SourceLocator(Map<String, String> sourceByFile) {
        sourceByFile.forEach((file, text) -> linesByFile.put(file, text.split("\n", -1)));
    }

    /** 1-based header line of a rule, 0 when not found. */
    int ruleLine(String file, String rule) {
        return headerLine(file, RULE, m -> m.group(2) != null ? m.group(2) : m.group(3), rule);
    }

    /** 1-based header line of a function, 0 when not found. */
    int functionLine(String file, String function) {
        return headerLine(file, FUNCTION, m -> m.group(1), function);
    }

    /**
     * The line of a rule's {@code when} (part = "when") or {@code then} (part = "then") after its
     * header, so that a finding is looked for in the part of the rule that holds it; the header if none.
     */
    int partLine(String file, int header, String part) {
        String[] rows = linesByFile.get(file);
        if (rows == null || header <= 0) {
            return header;
        }
        Pattern keyword = Pattern.compile("^\\s*" + part + "\\b");
        for (int i = header; i < rows.length && !rows[i].trim().equals("end"); i++) {
            if (keyword.matcher(rows[i]).find()) {
                return i + 1;
            }
        }
        return header;
    }

    /** The names of the functions a DRL text declares. */
    static java.util.List<String> functionNames(String text) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (String row : text.split("\n", -1)) {
            Matcher m = FUNCTION.matcher(row);
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The first mention of {@code name} (as a whole word) from {@code header} to the block's "end"/closing line. */
    Position find(String file, int header, String name) {
        String[] rows = linesByFile.get(file);
        if (rows == null || header <= 0 || name == null || name.isEmpty()) {
            return new Position(header, 1);
        }
        Pattern word = Pattern.compile("(?<![\\w$])" + Pattern.quote(name) + "(?![\\w$])");
        for (int i = header - 1; i < rows.length; i++) {
            if (i > header - 1 && (RULE.matcher(rows[i]).find() || FUNCTION.matcher(rows[i]).find()
                    || rows[i].trim().equals("end"))) {
                break;
            }
            Matcher m = word.matcher(rows[i]);
            if (m.find() && (i > header - 1 || !(RULE.matcher(rows[i]).find() || FUNCTION.matcher(rows[i]).find()))) {
                return new Position(i + 1, m.start() + 1);
            }
        }
        return new Position(header, 1);
    }

    private int headerLine(String file, Pattern head, java.util.function.Function<Matcher, String> nameOf, String name) {
        String[] rows = linesByFile.get(file);
        if (rows == null) {
            return 0;
        }
        for (int i = 0; i < rows.length; i++) {
            Matcher m = head.matcher(rows[i]);
            if (m.find() && name.equals(nameOf.apply(m))) {
                return i + 1;
            }
        }
        return 0;
    }
}
