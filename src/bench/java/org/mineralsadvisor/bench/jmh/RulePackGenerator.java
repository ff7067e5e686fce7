package org.mineralsadvisor.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Generates a rule pack of {@code N} rules "of the shipped shapes" from a shipped rules
 * directory, in memory (relative path → text, as {@code RuleSetCompiler.compile(Path, Map, List)}
 * takes it):
 *
 * <ul>
 *   <li>every shipped file unchanged ({@code *.drl} with their functions, and {@code policies.yaml});</li>
 *   <li>{@code N − shipped} clones of the shipped rules, taken round-robin in file order, in files
 *       {@code <file>-clones-NNN.drl} of at most {@value #RULES_PER_FILE} rules each, which repeat
 *       the original's {@code package} and {@code import} lines but no function (functions are
 *       package-wide in Drools and would clash if duplicated).</li>
 * </ul>
 *
 * A clone keeps its original's {@code @policyId}, {@code @explain}, stage ({@code agenda-group}), bindings and
 * consequence; it is renamed {@code "<name> [clone k]"} (unique) and every numeric literal that
 * follows a comparison operator in its conditions is varied: decimals by −4 % … +4 %, integers by
 * +0 … +4 (so {@code importReliance >= 0.50} becomes e.g. {@code >= 0.51}, {@code size >= 3}
 * becomes {@code size >= 5}). Deterministic: the clone number alone decides the variation.
 *
 * <p>From the command line ({@code java -cp target/benchmarks.jar}):
 * {@code org.mineralsadvisor.bench.jmh.RulePackGenerator RULES_DIR N OUT_DIR}; then
 * {@code java -jar target/advisor.jar rules check --rules OUT_DIR} checks the pack.
 */
public final class RulePackGenerator {
    public static final int RULES_PER_FILE = 250;

    private static final Pattern RULE = Pattern.compile("(?ms)^rule\\s+\"([^\"]*)\"(.*?)^end[ \\t]*$");
    private static final Pattern HEADER_LINE = Pattern.compile("(?m)^\\s*(package|import)\\s+[^\\n]*$");
    private static final Pattern WHEN_THEN = Pattern.compile("(?ms)^(\\s*when\\b)(.*?)(^\\s*then\\b)");
    /** A number after a comparison operator (not part of an identifier). */
    private static final Pattern THRESHOLD = Pattern.compile("(>=|<=|>|<)(\\s*)(\\d+(?:\\.\\d+)?)(?![\\w.])");

    private RulePackGenerator() {
    }

    /** The shipped files of {@code rulesDir}: its {@code *.drl} (top level) and {@code policies.yaml}. */
    public static Map<String, String> readShipped(Path rulesDir) {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> list = Files.list(rulesDir)) {
            for (Path file : list.sorted().toList()) {
                String name = file.getFileName().toString();
                if (Files.isRegularFile(file) && (name.endsWith(".drl") || name.equals("policies.yaml"))) {
                    sources.put(name, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }

    /** How many rules the DRL files of {@code sources} hold. */
    public static int countRules(Map<String, String> sources) {
        int n = 0;
        for (Map.Entry<String, String> file : sources.entrySet()) {
            if (file.getKey().endsWith(".drl")) {
                Matcher m = RULE.matcher(file.getValue());
                while (m.find()) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The shipped files plus clones: {@code totalRules} rules in all. */
    public static Map<String, String> generate(Map<String, String> shipped, int totalRules) {
        record Shape(String file, String header, String name, String body) {
        }
        List<Shape> shapes = new ArrayList<>();
        for (Map.Entry<String, String> file : new TreeMap<>(shipped).entrySet()) {
            if (!file.getKey().endsWith(".drl")) {
                continue;
            }
            StringBuilder header = new StringBuilder();
            Matcher h = HEADER_LINE.matcher(file.getValue());
            while (h.find()) {
                header.append(h.group().strip()).append('\n');
            }
            Matcher r = RULE.matcher(file.getValue());
            while (r.find()) {
                shapes.add(new Shape(file.getKey(), header.toString(), r.group(1), r.group(2)));
            }
        }
        if (shapes.isEmpty()) {
            throw new IllegalArgumentException("no rules in the shipped DRL files");
        }
        if (totalRules < shapes.size()) {
            throw new IllegalArgumentException("the shipped files already hold " + shapes.size() + " rules; asked for "
                    + totalRules);
        }
        Map<String, List<String>> clonesByFile = new LinkedHashMap<>();
        for (int k = 1; k <= totalRules - shapes.size(); k++) {
            Shape shape = shapes.get((k - 1) % shapes.size());
            String clone = "rule \"" + shape.name() + " [clone " + k + "]\"" + varyThresholds(shape.body(), k) + "end\n";
            clonesByFile.computeIfAbsent(shape.file(), f -> new ArrayList<>()).add(clone);
        }
        Map<String, String> pack = new TreeMap<>(shipped);
        for (Map.Entry<String, List<String>> entry : clonesByFile.entrySet()) {
            String base = entry.getKey().substring(0, entry.getKey().length() - ".drl".length());
            String header = shapes.stream().filter(s -> s.file().equals(entry.getKey())).findFirst().orElseThrow().header();
            List<String> clones = entry.getValue();
            for (int from = 0, part = 1; from < clones.size(); from += RULES_PER_FILE, part++) {
                StringBuilder text = new StringBuilder("// Generated by RulePackGenerator: clones of ")
                        .append(entry.getKey()).append("'s rules with varied thresholds.\n").append(header);
                for (String clone : clones.subList(from, Math.min(clones.size(), from + RULES_PER_FILE))) {
                    text.append('\n').append(clone);
                }
                pack.put(String.format("%s-clones-%03d.drl", base, part), text.toString());
            }
        }
        return pack;
    }

    /** Varies the numbers compared against in the rule's conditions (between when and then). */
    static String varyThresholds(String body, int clone) {
        Matcher section = WHEN_THEN.matcher(body);
        if (!section.find()) {
            return body;
        }
        Matcher m = THRESHOLD.matcher(section.group(2));
        StringBuilder lhs = new StringBuilder();
        while (m.find()) {
            String number = m.group(3);
            String varied;
            if (number.contains(".")) {
                int scale = Math.max(2, number.length() - number.indexOf('.') - 1) + 1;
                BigDecimal factor = BigDecimal.ONE.add(BigDecimal.valueOf((clone % 9) - 4, 2));
                varied = new BigDecimal(number).multiply(factor).setScale(scale, RoundingMode.HALF_UP).toPlainString();
            } else {
                varied = String.valueOf(Long.parseLong(number) + clone % 5);
            }
            m.appendReplacement(lhs, Matcher.quoteReplacement(m.group(1) + m.group(2) + varied));
        }
        m.appendTail(lhs);
        return body.substring(0, section.start(2)) + lhs + body.substring(section.end(2));
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: RulePackGenerator RULES_DIR N OUT_DIR");
            System.exit(2);
        }
        Map<String, String> pack = generate(readShipped(Path.of(args[0])), Integer.parseInt(args[1]));
        Path out = Path.of(args[2]);
        Files.createDirectories(out);
        for (Map.Entry<String, String> file : pack.entrySet()) {
            Files.writeString(out.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
        System.err.println("wrote " + pack.size() + " files, " + countRules(pack) + " rules, to " + out);
    }
}
