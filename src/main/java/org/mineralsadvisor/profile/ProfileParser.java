package org.mineralsadvisor.profile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mineralsadvisor.facts.FactBase;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and validates a country profile, collecting every problem (with its JSON Pointer)
 * before rejecting: its structure against the published {@code Profile} schema
 * ({@link ProfileSchema}), then what only the fact base can tell ({@link SemanticChecks}).
 */
public final class ProfileParser {
    public static final int MAX_BYTES = 1024 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // NaN and Infinity are read so that the problem can name the field at fault.
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private final ProfileSchema schema = ProfileSchema.get();
    private final SemanticChecks semantics;

    public ProfileParser(FactBase facts) {
        this.semantics = new SemanticChecks(facts);
    }

    public CountryProfile parse(byte[] body) {
        if (body.length > MAX_BYTES) {
            throw new InvalidProfileException(List.of(ProfileProblem.of("", "too_large",
                    "the profile is " + body.length + " bytes; the limit is " + MAX_BYTES + " bytes (1 MiB)")));
        }
        JsonNode root;
        JsonParser parser = null;
        try {
            parser = JSON.createParser(body);
            root = JSON.readTree(parser);
        } catch (JsonProcessingException e) {
            throw new InvalidProfileException(List.of(ProfileProblem.of("", "malformed_json",
                    JsonSyntax.describe(e, parser == null ? null : parser.currentLocation()))));
        } catch (java.io.IOException e) {
            throw new InvalidProfileException(List.of(ProfileProblem.of("", "malformed_json", "the body cannot be read")));
        } finally {
            close(parser);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidProfileException(List.of(ProfileProblem.of("", "malformed_json", "the body is empty")));
        }
        List<ProfileProblem> problems = problems(root, overflowing(body, root));
        if (!problems.isEmpty()) {
            throw new InvalidProfileException(problems);
        }
        return ProfileReader.read(root);
    }

    private static void close(JsonParser parser) {
        try {
            if (parser != null) {
                parser.close();
            }
        } catch (java.io.IOException e) {
            // A parser over a byte array holds nothing to release.
        }
    }

    /**
     * Numbers written in digits that a double cannot hold ({@code 1e400}), by pointer, as exact
     * decimals: they are out of range, not NaN or Infinity (which read the same once parsed).
     */
    private static Map<String, JsonNode> overflowing(byte[] body, JsonNode root) {
        List<String> nonFinite = new ArrayList<>();
        findNonFinite(root, "", nonFinite);
        Map<String, JsonNode> exact = new HashMap<>();
        if (nonFinite.stream().noneMatch(at -> root.at(at).isDouble())) {
            return exact;
        }
        try (JsonParser p = JSON.createParser(body)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                String text = t == JsonToken.VALUE_NUMBER_FLOAT ? p.getText() : null;
                if (text != null && text.chars().allMatch(c -> Character.isDigit(c) || "+-.eE".indexOf(c) >= 0)) {
                    String at = p.getParsingContext().pathAsPointer().toString();
                    if (nonFinite.contains(at)) {
                        exact.put(at, DecimalNode.valueOf(new java.math.BigDecimal(text)));
                    }
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // Read once already; nothing more to learn.
        }
        return exact;
    }

    public CountryProfile parse(String body) {
        return parse(body.getBytes(StandardCharsets.UTF_8));
    }

    public CountryProfile parse(JsonNode root) {
        List<ProfileProblem> problems = problems(root, Map.of());
        if (!problems.isEmpty()) {
            throw new InvalidProfileException(problems);
        }
        return ProfileReader.read(root);
    }

    /** @param exact numbers too large for a double, as written: the schema judges them against its bounds */
    private List<ProfileProblem> problems(JsonNode root, Map<String, JsonNode> exact) {
        List<ProfileProblem> problems = new ArrayList<>();
        List<String> found = new ArrayList<>();
        findNonFinite(root, "", found);
        List<String> nonFinite = found.stream().filter(at -> !exact.containsKey(at)).toList();
        for (String at : nonFinite) {
            problems.add(ProfileProblem.of(at, "out_of_range", Pointers.describe(at) + " must be a finite number; got "
                    + root.at(at).asText()));
        }
        for (ProfileProblem problem : schema.check(found.isEmpty() ? root : finite(root, nonFinite, exact))) {
            if (!nonFinite.contains(problem.pointer())) {
                problems.add(problem);
            }
        }
        problems.addAll(semantics.check(root));
        return tidy(problems);
    }

    /**
     * One problem per value where a wrong type says it all (an enumeration's value of the wrong
     * type is not also "not one of"); nothing inside a list that is already too long; in the
     * contract's order.
     */
    private List<ProfileProblem> tidy(List<ProfileProblem> problems) {
        Set<String> wrongType = new HashSet<>();
        List<String> tooLong = new ArrayList<>();
        for (ProfileProblem p : problems) {
            if (p.code().equals("wrong_type")) {
                wrongType.add(p.pointer());
            } else if (p.code().equals("too_many")) {
                tooLong.add(p.pointer() + "/");
            }
        }
        List<ProfileProblem> kept = new ArrayList<>();
        for (ProfileProblem p : problems) {
            boolean shadowed = wrongType.contains(p.pointer()) && !p.code().equals("wrong_type");
            boolean inside = tooLong.stream().anyMatch(p.pointer()::startsWith);
            if (!shadowed && !inside) {
                kept.add(p);
            }
        }
        kept.sort(schema.order());
        return kept;
    }

    /** NaN and ±Infinity are no JSON numbers, so the schema cannot speak of them. */
    private static void findNonFinite(JsonNode node, String at, List<String> found) {
        // A BigInteger of 400 digits is finite, only beyond a double: the schema's maximum says so.
        if (node.isNumber() && !node.isBigInteger() && !node.isBigDecimal() && !Double.isFinite(node.doubleValue())) {
            found.add(at);
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                findNonFinite(field.getValue(), Pointers.child(at, field.getKey()), found);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findNonFinite(node.get(i), Pointers.child(at, i), found);
            }
        }
    }

    /** A copy the validator can read (it cannot compare NaN); the values it reports on are already reported. */
    private static JsonNode finite(JsonNode root, List<String> nonFinite, Map<String, JsonNode> exact) {
        Map<String, JsonNode> replacements = new HashMap<>(exact);
        nonFinite.forEach(at -> replacements.put(at, IntNode.valueOf(0)));
        JsonNode copy = root.deepCopy();
        for (Map.Entry<String, JsonNode> replacement : replacements.entrySet()) {
            String at = replacement.getKey();
            if (at.isEmpty()) {
                return replacement.getValue();
            }
            JsonPointer pointer = JsonPointer.compile(at);
            JsonNode parent = copy.at(pointer.head());
            if (parent instanceof ObjectNode object) {
                object.set(pointer.last().getMatchingProperty(), replacement.getValue());
            } else if (parent instanceof ArrayNode array) {
                array.set(pointer.last().getMatchingIndex(), replacement.getValue());
            }
        }
        return copy;
    }
}
