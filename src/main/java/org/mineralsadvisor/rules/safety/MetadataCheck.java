package org.mineralsadvisor.rules.safety;

import org.drools.drl.ast.descr.AbstractClassTypeDeclarationDescr;
import org.drools.drl.ast.descr.AnnotatedBaseDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeFieldDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.mineralsadvisor.rules.RuleProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs before Drools compiles a DRL file: Drools evaluates the value of a rule's or query's
 * metadata ({@code @name(value)}) with MVEL while it builds the rule, so
 * {@code @x(java.nio.file.Files.delete(…))} would run during {@code rules check}. Every annotation
 * value must therefore be a literal: a string, a number, true/false or a bare word. The file is
 * only parsed here, never evaluated.
 */
public final class MetadataCheck {
    public static final String UNSAFE_METADATA = "unsafe_metadata";

    private static final Pattern LITERAL = Pattern.compile(
            "\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|-?\\d+(?:\\.\\d+)?[lLdDfF]?|true|false|[A-Za-z_][A-Za-z0-9_]*");

    private MetadataCheck() {
    }

    /** Problems in one DRL file's annotations; a file that does not parse is left to the compiler to report. */
    public static List<RuleProblem> check(String file, String text) {
        List<RuleProblem> problems = new ArrayList<>();
        PackageDescr pkg;
        try {
            pkg = new DrlParser().parse(false, text);
        } catch (DroolsParserException | RuntimeException e) {
            return problems;
        }
        if (pkg == null) {
            return problems;
        }
        String[] rows = text.split("\n", -1);
        for (RuleDescr rule : pkg.getRules()) {
            check(file, rows, (rule.isQuery() ? "query \"" : "rule \"") + rule.getName() + "\"", rule, problems);
        }
        List<AbstractClassTypeDeclarationDescr> types = new ArrayList<>(pkg.getTypeDeclarations());
        types.addAll(pkg.getEnumDeclarations());
        for (AbstractClassTypeDeclarationDescr type : types) {
            String what = "declaration of " + type.getTypeName();
            check(file, rows, what, type, problems);
            for (TypeFieldDescr field : type.getFields().values()) {
                check(file, rows, what, field, problems);
            }
        }
        return problems;
    }

    private static void check(String file, String[] rows, String what, AnnotatedBaseDescr descr, List<RuleProblem> problems) {
        for (AnnotationDescr annotation : descr.getAnnotations()) {
            for (Map.Entry<String, Object> value : annotation.getValueMap().entrySet()) {
                String text = String.valueOf(value.getValue()).trim();
                if (!(value.getValue() instanceof String) || !LITERAL.matcher(text).matches()) {
                    int line = Math.max(descr.getLine(), 1);
                    int column = 1;
                    // The parser keeps no position for an annotation: place it on its first "@name" after the header.
                    for (int i = line - 1; i >= 0 && i < rows.length; i++) {
                        int at = rows[i].indexOf("@" + annotation.getName());
                        if (at >= 0) {
                            line = i + 1;
                            column = at + 1;
                            break;
                        }
                    }
                    problems.add(RuleProblem.error(file, line, Math.max(column, 1), UNSAFE_METADATA + ": " + what
                            + " has @" + annotation.getName() + "(" + text + "), an expression; Drools evaluates metadata"
                            + " while it compiles the rule set, so a value may only be a literal (\"text\", a number,"
                            + " true/false or a single word)"));
                }
            }
        }
    }
}
