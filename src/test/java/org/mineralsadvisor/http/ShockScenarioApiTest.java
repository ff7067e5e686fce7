package org.mineralsadvisor.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.audit.ChainHash;
import org.mineralsadvisor.config.Setting;
import org.mineralsadvisor.facts.FactBaseLoader;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mineralsadvisor.http.HttpApiTest.assertProblem;

/** POST /v1/advice under a shock scenario, GET /v1/scenarios, and replay of a scenario's advice. */
class ShockScenarioApiTest {
    @TempDir
    Path dir;
    Path scenarios;
    String version;
    String india;

    @BeforeEach
    void writeScenarios() throws Exception {
        version = new FactBaseLoader().load(Path.of("facts")).version();
        india = Files.readString(Path.of("samples/india.json"));
        scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("no-nickel-controls.yaml"), String.join("\n",
                "name: no-nickel-controls",
                "title: Every export control on nickel lifted",
                "description: A test scenario.",
                "sources: [test]",
                "factBase: " + version,
                "changes:",
                "  - file: export_controls.csv",
                "    remove: {mineral: nickel}") + "\n");
        Files.writeString(scenarios.resolve("matches-nothing.yaml"), String.join("\n",
                "name: matches-nothing",
                "title: A change that finds no row",
                "factBase: " + version,
                "changes:",
                "  - file: export_controls.csv",
                "    remove: {mineral: nickel}",
                "  - file: export_controls.csv",
                "    remove: {mineral: unobtainium}") + "\n");
        Files.writeString(scenarios.resolve("not-yaml.yaml"), "name: not-yaml\ntitle: [unclosed\n");
    }

    private RunningService start() {
        return new RunningService(dir, Map.of(Setting.SCENARIOS, scenarios.toString()));
    }

    @Test
    void a_named_scenario_gives_both_advice_their_difference_and_records_both_for_replay() throws Exception {
        try (RunningService service = start()) {
            OpenApiContract openApi = new OpenApiContract(service.get("/openapi.json", null).json());
            RunningService.Reply reply = service.post("/v1/advice?scenario=no-nickel-controls", india, null);
            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
            JsonNode body = reply.json();
            openApi.assertValid("ShockReport", body);
            JsonNode scenario = body.get("scenario");
            assertThat(scenario.get("name").asText()).isEqualTo("no-nickel-controls");
            assertThat(scenario.get("writtenFor").asText()).isEqualTo(version);
            assertThat(scenario.get("appliedTo").asText()).isEqualTo(version);
            assertThat(scenario.has("note")).isFalse();
            String shockedVersion = scenario.get("factBase").asText();
            assertThat(shockedVersion).startsWith("sha256:").isNotEqualTo(version);
            assertThat(body.at("/baseline/factBase/version").asText()).isEqualTo(version);
            assertThat(body.at("/scenarioAdvice/factBase/version").asText()).isEqualTo(shockedVersion);
            String baselineId = body.at("/baseline/id").asText();
            String scenarioId = body.at("/scenarioAdvice/id").asText();
            assertThat(reply.header("Location")).isEqualTo("/v1/advice/" + scenarioId);

            // The difference is what comparing the two advice documents by (type, subject) gives.
            Map<String, JsonNode> before = byKey(body.get("baseline"));
            Map<String, JsonNode> after = byKey(body.get("scenarioAdvice"));
            List<String> expected = new ArrayList<>();
            int unchanged = 0;
            for (String key : new TreeSet<>(after.keySet())) {
                if (!before.containsKey(key)) {
                    expected.add("ADDED " + key);
                } else if (!before.get(key).equals(after.get(key))) {
                    expected.add("CHANGED " + key);
                } else {
                    unchanged++;
                }
            }
            before.keySet().stream().filter(k -> !after.containsKey(k)).forEach(k -> expected.add("REMOVED " + k));
            List<String> listed = new ArrayList<>();
            body.at("/difference/recommendations").forEach(item -> listed.add(item.get("change").asText() + " "
                    + item.get("type").asText() + "/" + item.get("subject").asText()));
            assertThat(listed).isNotEmpty().containsExactlyInAnyOrderElementsOf(expected);
            assertThat(body.at("/difference/unchanged").asInt()).isEqualTo(unchanged);
            body.at("/difference/recommendations").forEach(item -> {
                if (item.get("change").asText().equals("CHANGED")) {
                    assertThat(item.get("fields")).isNotEmpty();
                    assertThat(item.at("/before/priority").isTextual()).isTrue();
                    assertThat(item.at("/after/priority").isTextual()).isTrue();
                }
            });

            // Both are recorded, as sent; the scenario's replays on the scenario applied again.
            assertThat(service.get("/v1/advice/" + baselineId, null).json()).isEqualTo(body.get("baseline"));
            assertThat(service.get("/v1/advice/" + scenarioId, null).json()).isEqualTo(body.get("scenarioAdvice"));
            RunningService.Reply replay = service.post("/v1/advice/" + scenarioId + "/replay", "", null);
            assertThat(replay.status()).as(replay.body()).isEqualTo(200);
            openApi.assertValid("ReplayResult", replay.json());
            assertThat(replay.json().get("identical").asBoolean()).as(replay.body()).isTrue();
            assertThat(replay.json().get("factBase").asText()).isEqualTo(shockedVersion);
            assertThat(replay.json().at("/scenario/name").asText()).isEqualTo("no-nickel-controls");
            assertThat(replay.json().at("/scenario/appliedTo").asText()).isEqualTo(version);
            JsonNode baselineReplay = service.post("/v1/advice/" + baselineId + "/replay", "", null).json();
            assertThat(baselineReplay.get("identical").asBoolean()).isTrue();
            assertThat(baselineReplay.has("scenario")).isFalse();
            assertThat(service.get("/v1/audit/verify", null).json().get("valid").asBoolean()).isTrue();

            // The active fact base (and its files) are as they were.
            assertThat(service.get("/v1/factbase/active", null).json().get("version").asText()).isEqualTo(version);
            assertThat(new FactBaseLoader().load(Path.of("facts")).version()).isEqualTo(version);
            JsonNode plain = service.post("/v1/advice", india, null).json();
            assertThat(plain.at("/factBase/version").asText()).isEqualTo(version);
            assertThat(byKey(plain)).isEqualTo(before);

            // Edited in the database, the recorded scenario no longer gives the recorded fact base.
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("advisor.db"));
                 Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT scenario FROM advice_records WHERE id = '" + scenarioId + "'")) {
                    assertThat(rs.next()).isTrue();
                    JsonNode recorded = RunningService.JSON.readTree(rs.getString(1));
                    assertThat(recorded.get("name").asText()).isEqualTo("no-nickel-controls");
                    assertThat(recorded.get("appliedTo").asText()).isEqualTo(version);
                    assertThat(recorded.get("text").asText()).isEqualTo(
                            Files.readString(scenarios.resolve("no-nickel-controls.yaml")));
                }
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM advice_records WHERE scenario IS NULL")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(2);
                }
                s.executeUpdate("UPDATE advice_records SET scenario = replace(scenario, 'remove: {mineral: nickel}', "
                        + "'remove: {mineral: gallium}') WHERE id = '" + scenarioId + "'");
            }
            RunningService.Reply tampered = service.post("/v1/advice/" + scenarioId + "/replay", "", null);
            assertProblem(tampered, 409);
            assertThat(tampered.json().get("detail").asText()).contains("no-nickel-controls").contains("altered");
            // Its hash recomputed too: applied again, it no longer gives the fact base the chain records.
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("advisor.db"));
                 Statement s = c.createStatement()) {
                ObjectNode recorded;
                try (ResultSet rs = s.executeQuery("SELECT scenario FROM advice_records WHERE id = '" + scenarioId + "'")) {
                    rs.next();
                    recorded = (ObjectNode) RunningService.JSON.readTree(rs.getString(1));
                }
                recorded.put("sha256", "sha256:" + ChainHash.sha256(recorded.get("text").asText()));
                try (var update = c.prepareStatement("UPDATE advice_records SET scenario = ? WHERE id = ?")) {
                    update.setString(1, recorded.toString());
                    update.setString(2, scenarioId);
                    update.executeUpdate();
                }
            }
            RunningService.Reply rehashed = service.post("/v1/advice/" + scenarioId + "/replay", "", null);
            assertProblem(rehashed, 409);
            assertThat(rehashed.json().get("detail").asText()).contains("gives sha256:").contains("not " + shockedVersion);
        }
    }

    @Test
    void an_inline_scenario_in_the_body_is_applied_and_the_profile_stored_as_sent() throws Exception {
        try (RunningService service = start()) {
            String inline = "{\"name\": \"inline-test\", \"title\": \"Inline\", \"factBase\": \"sha256:" + "0".repeat(64)
                    + "\", \"changes\": [{\"file\": \"export_controls.csv\", \"remove\": {\"mineral\": \"nickel\"}}]}";
            String body = "{\"scenario\": " + inline + ",\n  \"profile\": " + india + "}";
            RunningService.Reply reply = service.post("/v1/advice?trace=none", body, null);
            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
            JsonNode json = reply.json();
            new OpenApiContract(service.get("/openapi.json", null).json()).assertValid("ShockReport", json);
            assertThat(json.at("/scenario/name").asText()).isEqualTo("inline-test");
            // Written for another fact base, yet every change found its rows: applied, and said so.
            assertThat(json.at("/scenario/note").asText()).contains("sha256:" + "0".repeat(64)).contains(version);
            assertThat(json.get("baseline").has("trace")).isFalse();
            assertThat(json.get("scenarioAdvice").has("trace")).isFalse();
            String id = json.at("/scenarioAdvice/id").asText();
            assertThat(service.get("/v1/advice/" + id, null).json().has("trace")).isTrue();
            JsonNode bundle = service.get("/v1/audit/advice/" + id + "/export", null).json();
            String storedInput = bundle.hasNonNull("inputText") ? bundle.get("inputText").asText()
                    : RunningService.JSON.writeValueAsString(bundle.get("input"));
            // The profile member's own bytes, from its '{' to its '}' (the file's last line feed is outside it).
            assertThat(storedInput).isEqualTo(india.strip());
            assertThat(service.post("/v1/advice/" + id + "/replay", "", null).json().get("identical").asBoolean()).isTrue();
        }
    }

    @Test
    void bad_scenarios_are_located_problems_and_nothing_is_stored() throws Exception {
        try (RunningService service = start()) {
            long records = service.get("/v1/audit/verify", null).json().get("records").asLong();
            RunningService.Reply unknown = service.post("/v1/advice?scenario=no-such-thing", india, null);
            assertProblem(unknown, 404);
            assertThat(unknown.json().get("detail").asText()).contains("no-such-thing")
                    .contains("[matches-nothing, no-nickel-controls, not-yaml]");
            assertProblem(service.post("/v1/advice?scenario=" + URLEncoder.encode("../facts/x", StandardCharsets.UTF_8),
                    india, null), 400);
            assertProblem(service.post("/v1/advice?scenario=a&scenario=b", india, null), 400);

            RunningService.Reply noMatch = service.post("/v1/advice?scenario=matches-nothing", india, null);
            assertProblem(noMatch, 422);
            JsonNode problem = noMatch.json().at("/problems/0");
            assertThat(problem.get("file").asText()).endsWith("scenarios/matches-nothing.yaml");
            assertThat(problem.get("line").asInt()).isEqualTo(7);
            assertThat(problem.get("pointer").asText()).isEqualTo("/changes/1");
            assertThat(problem.get("code").asText()).isEqualTo("no_match");
            assertThat(problem.get("message").asText()).contains("unobtainium");

            RunningService.Reply notYaml = service.post("/v1/advice?scenario=not-yaml", india, null);
            assertProblem(notYaml, 422);
            assertThat(notYaml.json().at("/problems/0/code").asText()).isEqualTo("malformed_yaml");

            String badInline = "{\"profile\": " + india + ", \"scenario\": {\"name\": \"x\", \"title\": \"X\", "
                    + "\"factBase\": \"" + version + "\", \"changes\": [{\"file\": \"export_controls.csv\", "
                    + "\"change\": {\"mineral\": \"nickel\"}, \"set\": {\"in_force_untill\": \"2026-01-01\"}}]}}";
            RunningService.Reply column = service.post("/v1/advice", badInline, null);
            assertProblem(column, 422);
            new OpenApiContract(service.get("/openapi.json", null).json()).assertValid("Problem", column.json());
            assertThat(column.json().at("/problems/0/pointer").asText()).isEqualTo("/scenario/changes/0");
            assertThat(column.json().at("/problems/0/message").asText()).contains("did you mean 'in_force_until'");

            ObjectNode both = (ObjectNode) RunningService.JSON.readTree(badInline);
            assertProblem(service.post("/v1/advice?scenario=no-nickel-controls", both.toString(), null), 400);
            // A profile the scenario's facts reject (here: not a profile at all) is the profile's problem.
            assertProblem(service.post("/v1/advice?scenario=no-nickel-controls", "{\"country\": 1}", null), 422);

            assertThat(service.get("/v1/audit/verify", null).json().get("records").asLong()).isEqualTo(records);
        }
    }

    @Test
    void the_library_is_listed_with_each_scenario_or_its_problems() throws Exception {
        try (RunningService service = start()) {
            RunningService.Reply reply = service.get("/v1/scenarios", null);
            assertThat(reply.status()).isEqualTo(200);
            new OpenApiContract(service.get("/openapi.json", null).json()).assertValid("ScenarioList", reply.json());
            assertThat(reply.json().get("factBase").asText()).isEqualTo(version);
            Map<String, JsonNode> byName = new LinkedHashMap<>();
            reply.json().get("scenarios").forEach(s -> byName.put(s.get("name").asText(), s));
            assertThat(byName.keySet()).containsExactly("matches-nothing", "no-nickel-controls", "not-yaml");
            JsonNode listed = byName.get("no-nickel-controls");
            assertThat(listed.get("title").asText()).isEqualTo("Every export control on nickel lifted");
            assertThat(listed.get("description").asText()).isEqualTo("A test scenario.");
            assertThat(listed.get("writtenFor").asText()).isEqualTo(version);
            assertThat(listed.get("changes").asInt()).isEqualTo(1);
            assertThat(byName.get("not-yaml").at("/problems/0/code").asText()).isEqualTo("malformed_yaml");
        }
    }

    /** Each recommendation without what shifts when any other changes (its id, its trace step numbers). */
    private static Map<String, JsonNode> byKey(JsonNode advice) {
        Map<String, JsonNode> keyed = new LinkedHashMap<>();
        advice.get("recommendations").forEach(r -> {
            ObjectNode copy = r.deepCopy();
            copy.remove("id");
            copy.remove("because");
            copy.remove("summary");
            keyed.put(r.get("type").asText() + "/" + r.get("subject").asText(), copy);
        });
        return keyed;
    }
}
