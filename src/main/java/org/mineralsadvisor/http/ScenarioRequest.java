package org.mineralsadvisor.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.javalin.http.Context;
import org.mineralsadvisor.shock.InvalidShockScenarioException;
import org.mineralsadvisor.shock.ScenarioLibrary;
import org.mineralsadvisor.shock.ShockProblem;
import org.mineralsadvisor.shock.ShockScenario;
import org.mineralsadvisor.shock.ShockScenarioReader;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The shock scenario a POST /v1/advice asks for, if any: named in the query
 * ({@code ?scenario=NAME}, a file of the scenario library), or given in the body, which is then
 * {@code {"profile": {...}, "scenario": NAME or {...}}} instead of the profile itself. A body
 * without a top-level {@code scenario} member is a profile, read exactly as before.
 */
record ScenarioRequest(byte[] profile, ShockScenario scenario) {
    static final String PARAMETER = "scenario";
    /** Where an inline scenario comes from, in its problems. */
    static final String INLINE = "request body /scenario";
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();
    private static final Set<String> MEMBERS = Set.of("profile", "scenario");

    /** The profile's bytes and the scenario asked for (null: none). */
    static ScenarioRequest of(Context ctx, byte[] body, ScenarioLibrary library) {
        String named = ctx.queryParam(PARAMETER);
        Wrapped wrapped = Wrapped.find(body);
        if (wrapped == null) {
            return new ScenarioRequest(body, named == null ? null : fromLibrary(named, library, "query parameter"));
        }
        if (named != null) {
            throw new ProblemException(Problem.of(400, "invalid-request", "Scenario given twice",
                    "the query names scenario '" + named + "' and the body has a scenario too; give it once"));
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("parsed once already", e);
        }
        List<String> unknown = iterable(root.fieldNames()).stream().filter(n -> !MEMBERS.contains(n)).toList();
        if (!unknown.isEmpty() || !root.path("profile").isObject()) {
            throw new ProblemException(Problem.of(422, "invalid-request", "Invalid request",
                    "a body with a scenario is {\"profile\": {...}, \"scenario\": NAME or {...}}"
                            + (unknown.isEmpty() ? "; 'profile' is missing or not an object" : "; unknown member(s) " + unknown)));
        }
        JsonNode scenario = root.get("scenario");
        if (scenario.isTextual()) {
            return new ScenarioRequest(wrapped.profile(), fromLibrary(scenario.asText(), library, "body member"));
        }
        if (!scenario.isObject()) {
            throw new ProblemException(Problem.of(422, "invalid-request", "Invalid request",
                    "'scenario' must be a scenario's name or a scenario (an object: name, title, factBase, changes, ...)"));
        }
        String yaml;
        try {
            yaml = YAML.writeValueAsString(scenario);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            return new ScenarioRequest(wrapped.profile(), ShockScenarioReader.read(INLINE, yaml, null));
        } catch (InvalidShockScenarioException e) {
            throw inline(e);
        }
    }

    /**
     * An inline scenario's problems located by JSON Pointer into the request body: the lines
     * are those of the YAML the service wrote it as, which the client never saw.
     */
    static InvalidShockScenarioException inline(InvalidShockScenarioException e) {
        return new InvalidShockScenarioException(e.scenario(), e.problems().stream()
                .map(p -> new ShockProblem(null, 0, 0, "/scenario" + (p.pointer() == null ? "" : p.pointer()), p.code(),
                        p.message()))
                .toList());
    }

    private static ShockScenario fromLibrary(String name, ScenarioLibrary library, String where) {
        if (!ScenarioLibrary.validName(name)) {
            throw new ProblemException(Problem.of(400, "invalid-query", "Invalid scenario name",
                    "scenario '" + name + "' (" + where + ") is not a scenario name: lower-case letters, digits, '-' and '_'")
                    .with(List.of(new ParameterProblem(PARAMETER, "invalid_value", "not a scenario name"))));
        }
        return library.find(name).orElseThrow(() -> new ProblemException(Problem.of(404, "scenario-not-found",
                "Scenario not found", "no scenario '" + name + "' in " + library.directory() + "; known: "
                        + library.names())));
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    /** A body whose top level has a {@code scenario} member, with its {@code profile} member's exact bytes. */
    private record Wrapped(byte[] profile) {
        /** Null when the body is not such an object (a profile, or not JSON: the profile parser says what is wrong). */
        static Wrapped find(byte[] body) {
            boolean hasScenario = false;
            byte[] profile = new byte[0];
            try (JsonParser p = JSON.createParser(body)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    long start = p.currentTokenLocation().getByteOffset();
                    p.skipChildren();
                    if (name.equals("scenario")) {
                        hasScenario = true;
                    } else if (name.equals("profile") && value == JsonToken.START_OBJECT) {
                        profile = Arrays.copyOfRange(body, (int) start, (int) p.currentLocation().getByteOffset());
                    }
                }
                if (p.nextToken() != null) {
                    return null;
                }
            } catch (IOException e) {
                return null;
            }
            return hasScenario ? new Wrapped(profile) : null;
        }
    }
}
