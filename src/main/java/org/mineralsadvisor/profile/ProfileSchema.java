package org.mineralsadvisor.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.PathType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The structure of a profile, as the published contract states it: the {@code Profile}
 * schema of the service's own OpenAPI document ({@code src/main/resources/openapi.yaml},
 * served at {@code /openapi.json}). The validator reads that very resource, so the document
 * and the checks cannot disagree. Compiled once per process; a compiled schema is thread-safe.
 *
 * <p>Each validator error becomes a {@link ProfileProblem} with its JSON Pointer and one of
 * our stable codes: unknown_field, required, wrong_type, out_of_range, too_many,
 * invalid_value, malformed_date.
 */
final class ProfileSchema {
    static final String DOCUMENT = "classpath:openapi.yaml";
    private static final String PROFILE = "#/components/schemas/Profile";
    /** The OpenAPI document's own top-level fields: not JSON Schema keywords, and not to be warned about. */
    private static final List<String> OPENAPI_FIELDS = List.of("openapi", "info", "jsonSchemaDialect", "servers",
            "paths", "webhooks", "components", "security", "tags", "externalDocs");

    private static final class Holder {
        static final ProfileSchema INSTANCE = new ProfileSchema();
    }

    private final Schema validator;
    private final JsonNode document;
    private final JsonNode profile;

    private ProfileSchema() {
        Dialect openApi = Dialect.builder(Dialects.getOpenApi31())
                .keywords(OPENAPI_FIELDS.stream().map(NonValidationKeyword::new).toList())
                .build();
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                // JSON Schema 2020-12 treats format as a note; the contract means it (asOf is a date).
                .formatAssertionsEnabled(true)
                .locale(Locale.ENGLISH)
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(openApi, b -> b.schemaRegistryConfig(config));
        this.validator = registry.getSchema(SchemaLocation.of(DOCUMENT + PROFILE));
        this.document = registry.getSchema(SchemaLocation.of(DOCUMENT)).getSchemaNode();
        this.profile = resolve(document.at(PROFILE.substring(1)));
    }

    static ProfileSchema get() {
        return Holder.INSTANCE;
    }

    /** Every structural problem of {@code root}, in no particular order. */
    List<ProfileProblem> check(JsonNode root) {
        List<ProfileProblem> problems = new ArrayList<>();
        for (Error error : validator.validate(root)) {
            problems.add(problem(error));
        }
        return problems;
    }

    /** Problems in the order of the contract: per object, unknown fields first, then the schema's field order; entries by index. */
    Comparator<ProfileProblem> order() {
        return (a, b) -> compare(position(a.pointer()), position(b.pointer()));
    }

    /** The {@code Profile} schema the validator holds, as read from the published document. */
    JsonNode definition() {
        return profile;
    }

    /** The fields the schema allows in the object at {@code pointer}. */
    List<String> fieldsAt(String pointer) {
        JsonNode schema = schemaAt(pointer);
        List<String> names = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private ProfileProblem problem(Error error) {
        String at = error.getInstanceLocation().toString();
        JsonNode value = error.getInstanceNode();
        JsonNode rule = error.getSchemaNode();
        String field = Pointers.describe(at);
        return switch (error.getKeyword()) {
            case "additionalProperties" -> unknownField(at, error.getProperty());
            case "required" -> {
                String missing = Pointers.child(at, error.getProperty());
                String hint = "array".equals(schemaAt(missing).path("type").asText()) ? " (it may be an empty array)" : "";
                yield ProfileProblem.of(missing, "required", error.getProperty() + " is required" + hint);
            }
            case "type" -> ProfileProblem.of(at, "wrong_type", field + " must be " + expected(rule) + "; got " + kind(value));
            case "minimum" -> outOfRange(at, field, "≥", rule, value, "");
            case "exclusiveMinimum" -> outOfRange(at, field, ">", rule, value, "");
            case "maximum" -> outOfRange(at, field, "≤", rule, value, " (the plausibility bound in the API's Profile schema)");
            case "exclusiveMaximum" -> outOfRange(at, field, "<", rule, value, " (the plausibility bound in the API's Profile schema)");
            case "maxItems" -> ProfileProblem.of(at, "too_many",
                    "at most " + rule.asInt() + " entries in " + field + "; got " + value.size());
            // A blank id names nothing: for the reader it is missing, not a value out of a set.
            case "pattern", "minLength" -> ProfileProblem.of(at, "required", field + " must not be blank");
            case "enum" -> ProfileProblem.of(at, "invalid_value",
                    field + " " + quoted(value) + " is not one of " + String.join(", ", texts(rule)));
            case "format" -> "date".equals(rule.asText())
                    ? ProfileProblem.of(at, "malformed_date", field + " " + quoted(value) + " is not an ISO date (YYYY-MM-DD)")
                    : ProfileProblem.of(at, "invalid_value", field + " " + quoted(value) + " is not a valid " + rule.asText());
            default -> ProfileProblem.of(at, "invalid_value", field + ": " + error.getMessage());
        };
    }

    private ProfileProblem unknownField(String objectAt, String name) {
        String suggestion = Suggestions.of(fieldsAt(objectAt)).closest(name).orElse(null);
        return new ProfileProblem(Pointers.child(objectAt, name), "unknown_field",
                "unknown field '" + name + "'" + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?"),
                suggestion);
    }

    private static ProfileProblem outOfRange(String at, String field, String relation, JsonNode bound, JsonNode value,
                                             String why) {
        return ProfileProblem.of(at, "out_of_range",
                field + " must be " + relation + " " + Numbers.plain(bound) + why + "; got " + Numbers.plain(value));
    }

    // ---- the schema as a map of the document ----

    /** The schema of the value at {@code pointer}; a missing node where the schema says nothing. */
    private JsonNode schemaAt(String pointer) {
        JsonNode schema = profile;
        for (String token : Pointers.tokens(pointer)) {
            schema = child(schema, token);
        }
        return schema;
    }

    private JsonNode child(JsonNode schema, String token) {
        if (schema.has("properties")) {
            return resolve(schema.path("properties").path(token));
        }
        return resolve(schema.path("items"));
    }

    /** Per pointer token: the field's place among the schema's properties (0 if unknown) or the entry's index. */
    private List<Integer> position(String pointer) {
        List<Integer> position = new ArrayList<>();
        JsonNode schema = profile;
        for (String token : Pointers.tokens(pointer)) {
            position.add(schema.has("properties") ? indexOf(schema.path("properties"), token) : Pointers.index(token) + 1);
            schema = child(schema, token);
        }
        return position;
    }

    private static int indexOf(JsonNode properties, String name) {
        int i = 1;
        for (Iterator<String> names = properties.fieldNames(); names.hasNext(); i++) {
            if (names.next().equals(name)) {
                return i;
            }
        }
        return 0;
    }

    private static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.startsWith("#/") ? resolve(document.at(ref.substring(1))) : schema;
    }

    // ---- words ----

    private static String expected(JsonNode type) {
        List<String> words = new ArrayList<>();
        for (String t : type.isArray() ? texts(type) : List.of(type.asText())) {
            words.add(switch (t) {
                case "boolean" -> "true or false";
                case "integer" -> "a whole number";
                case "array", "object" -> "an " + t;
                case "null" -> "null";
                default -> "a " + t;
            });
        }
        return String.join(" or ", words);
    }

    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String quoted(JsonNode value) {
        return value.isTextual() ? "'" + value.asText() + "'" : value.toString();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    /**
     * Bounds and values for people: digits grouped, never Java's exponent ({@code 1.0E15} is
     * 1,000,000,000,000,000); only a number beyond 30 digits is written with an exponent, to
     * four significant digits ({@code 1e400}).
     */
    static final class Numbers {
        private static final BigDecimal HUGE = BigDecimal.TEN.pow(30);

        private Numbers() {
        }

        static String plain(JsonNode number) {
            if (!number.isNumber()) {
                return number.toString();
            }
            if (number.isDouble() || number.isFloat()) {
                if (!Double.isFinite(number.doubleValue())) {
                    return String.valueOf(number.doubleValue());
                }
            }
            BigDecimal value = number.decimalValue().stripTrailingZeros();
            if (value.abs().compareTo(HUGE) >= 0) {
                String rounded = value.round(new MathContext(4, RoundingMode.HALF_UP)).stripTrailingZeros().toString();
                return rounded.toLowerCase(Locale.ROOT).replace("e+", "e");
            }
            String digits = value.abs().toPlainString();
            int point = digits.indexOf('.');
            String whole = point < 0 ? digits : digits.substring(0, point);
            String grouped = String.format(Locale.ROOT, "%,d", new BigInteger(whole));
            return (value.signum() < 0 ? "-" : "") + grouped + (point < 0 ? "" : digits.substring(point));
        }
    }
}
