package org.mineralsadvisor.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks live response bodies against the schemas of the service's own OpenAPI document. */
final class OpenApiContract {
    private final JsonNode document;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    OpenApiContract(JsonNode document) {
        this.document = document;
    }

    /** Asserts that {@code body} is valid against {@code #/components/schemas/<name>}. */
    void assertValid(String name, JsonNode body) {
        ObjectNode root = RunningService.JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$ref", "#/components/schemas/" + name);
        root.set("components", document.get("components"));
        Schema schema = registry.getSchema(root.toString());
        List<Error> errors = schema.validate(body);
        assertThat(errors).as(name + " schema errors for " + abbreviate(body)).isEmpty();
    }

    /** The documented response codes of an operation. */
    List<String> documentedStatuses(String path, String method) {
        JsonNode responses = document.path("paths").path(path).path(method).path("responses");
        assertThat(responses.isObject()).as(method + " " + path + " is documented").isTrue();
        return iterable(responses.fieldNames());
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        java.util.ArrayList<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    private static String abbreviate(JsonNode body) {
        String text = body.toString();
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }
}
