package org.mineralsadvisor.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The validator and the published OpenAPI document are one: the checks read the very schema served. */
class ProfileSchemaTest {

    @Test
    void validates_against_the_profile_schema_of_the_published_document() throws IOException {
        try (InputStream in = ProfileSchemaTest.class.getResourceAsStream("/openapi.yaml")) {
            JsonNode published = new YAMLMapper().readTree(in).at("/components/schemas/Profile");
            assertThat(ProfileSchema.get().definition()).isEqualTo(published);
        }
    }

    @Test
    void every_number_of_a_profile_has_a_documented_upper_bound() throws IOException {
        JsonNode schemas;
        try (InputStream in = ProfileSchemaTest.class.getResourceAsStream("/openapi.yaml")) {
            schemas = new YAMLMapper().readTree(in).at("/components/schemas");
        }
        List<String> unbounded = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        collect(schemas, schemas.get("Profile"), "Profile", numbers, unbounded);
        assertThat(numbers).hasSize(8);
        assertThat(unbounded).as("numbers without a maximum").isEmpty();
    }

    private static void collect(JsonNode schemas, JsonNode schema, String at, List<String> numbers, List<String> unbounded) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
            collect(schemas, schemas.get(name), name, numbers, unbounded);
            return;
        }
        if ("number".equals(schema.path("type").asText()) || "integer".equals(schema.path("type").asText())) {
            numbers.add(at);
            if (!schema.has("maximum")) {
                unbounded.add(at);
            }
        }
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            collect(schemas, property.getValue(), at + "." + property.getKey(), numbers, unbounded);
        }
        if (schema.has("items")) {
            collect(schemas, schema.get("items"), at + "[]", numbers, unbounded);
        }
    }
}
