package org.mineralsadvisor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.app.Application;
import org.mineralsadvisor.config.Setting;
import org.mineralsadvisor.config.Settings;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** advisor audit verify / export / verify-bundle / replay against a store the service wrote. */
class AuditCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path db;
    List<String> ids = new ArrayList<>();

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeEach
    void adviseThrice() throws Exception {
        db = dir.resolve("advisor.db");
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.PORT, "0");
        flags.put(Setting.DB, db.toString());
        try (Application app = Application.start(Settings.resolve(flags, Map.of(), null))) {
            HttpClient http = HttpClient.newHttpClient();
            for (String sample : List.of("india", "japan", "germany")) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app.url() + "/v1/advice"))
                                .POST(HttpRequest.BodyPublishers.ofFile(Path.of("samples", sample + ".json"))).build(),
                        HttpResponse.BodyHandlers.ofString());
                ids.add(JSON.readTree(response.body()).get("id").asText());
            }
        }
    }

    @Test
    void verify_exits_0_on_an_intact_chain_and_1_naming_the_first_record_edited_in_the_file() throws Exception {
        Run ok = run("audit", "verify", "--db", db.toString());
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).contains("valid: 3 record(s)");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE advice_records SET key_id = 'someone-else' WHERE id = '" + ids.get(1) + "'");
        }
        Run broken = run("audit", "verify", "--db", db.toString());
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.out()).contains("BROKEN").contains(ids.get(1));
    }

    @Test
    void an_exported_bundle_verifies_offline_and_a_tampered_one_does_not() throws Exception {
        Path bundle = dir.resolve("bundle.json");
        Run export = run("audit", "export", ids.get(0), "--db", db.toString(), "--output", bundle.toString());
        assertThat(export.code()).as(export.err()).isZero();
        Run verify = run("audit", "verify-bundle", bundle.toString());
        assertThat(verify.code()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("ok     replay").contains("ok     chain to head").contains("bundle valid");

        ObjectNode tampered = (ObjectNode) JSON.readTree(bundle.toFile());
        ObjectNode files = (ObjectNode) tampered.at("/factBase/files");
        files.put("minerals.csv", files.get("minerals.csv").asText().replace("gallium,Gallium", "gallium,Galium"));
        Path forged = dir.resolve("forged.json");
        Files.writeString(forged, tampered.toString());
        Run rejected = run("audit", "verify-bundle", forged.toString());
        assertThat(rejected.code()).isEqualTo(1);
        assertThat(rejected.out()).contains("FAILED fact base version").contains("bundle INVALID");

        ObjectNode rewritten = (ObjectNode) JSON.readTree(bundle.toFile());
        rewritten.put("advice", rewritten.get("advice").asText().replace("\"priority\":\"HIGH\"", "\"priority\":\"LOW\""));
        Files.writeString(forged, rewritten.toString());
        Run rehashed = run("audit", "verify-bundle", forged.toString());
        assertThat(rehashed.code()).isEqualTo(1);
        assertThat(rehashed.out()).contains("FAILED record hash");
    }

    @Test
    void replay_exits_0_when_identical_and_export_exits_1_for_an_unknown_id() {
        Run replay = run("audit", "replay", ids.get(2), "--db", db.toString());
        assertThat(replay.code()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.out()).contains("\"identical\" : true");
        assertThat(run("audit", "export", "adv_nope", "--db", db.toString()).code()).isEqualTo(1);
        assertThat(run("audit", "verify", "--db", dir.resolve("missing.db").toString()).code()).isEqualTo(2);
    }

    @Test
    void every_audit_command_has_help() {
        for (String command : List.of("verify", "export", "verify-bundle", "replay")) {
            Run help = run("audit", command, "--help");
            assertThat(help.code()).isZero();
            assertThat(help.out()).contains("Usage: advisor audit " + command);
        }
    }
}
