package org.mineralsadvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.timeline.TimelineFacts;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code evaluate --from --to --step}: the timeline as text or JSON, and every bad range or input an exit 2 that says why. */
class TimelineCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path facts;
    private static Path profile;

    @BeforeAll
    static void write(@TempDir Path dir) throws IOException {
        facts = TimelineFacts.write(dir.resolve("facts"));
        profile = Files.writeString(dir.resolve("india.json"), TimelineFacts.PROFILE);
    }

    record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("evaluate", "--facts", facts.toString()));
        all.addAll(List.of(args));
        int code = Main.run(new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true), new PrintWriter(err, true),
                all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void prints_the_first_date_then_each_change_with_the_events_behind_it() {
        Run run = run("--from", "2025-01-01", "--to", "2025-12-31", "--step", "changes", profile.toString());
        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("IND from 2025-01-01 to 2025-12-31 by changes: 4 date(s) evaluated, advice "
                + "changed on 3 (each date replaces the profile's asOf, 2026-01-01)");
        assertThat(lines).contains(
                "2025-01-01  3 recommendation(s)",
                "            HIGH    STOCKPILE gallium (STK-TRIGGER)",
                "2025-06-10  ~ DIVERSIFY gallium partners [] → [AUS]",
                "            ~ COALITION MSP priority MEDIUM → INFO; status NOT_YET_ELIGIBLE → MEMBER",
                "              since: 2025-06-10 IND joins MSP [coalition_members.csv:4]",
                "              since: 2025-11-01 CHN LICENSING on gallium (all countries) ends (in force until 2025-10-31) "
                        + "[export_controls.csv:2]");
        assertThat(lines.stream().filter(l -> l.matches("\\d{4}-\\d{2}-\\d{2} .*")))
                .extracting(l -> l.substring(0, 10)).containsExactly("2025-01-01", "2025-03-15", "2025-06-10", "2025-11-01");
    }

    @Test
    void format_json_prints_the_report_and_the_step_defaults_to_month() throws IOException {
        Run run = run("--from", "2025-01-01", "--to", "2025-12-31", "--format", "json", profile.toString());
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("step").asText()).isEqualTo("month");
        assertThat(report.get("evaluated").asInt()).isEqualTo(13);
        List<String> dates = new ArrayList<>();
        report.get("points").forEach(p -> dates.add(p.get("asOf").asText()));
        assertThat(dates).containsExactly("2025-01-01", "2025-04-01", "2025-07-01", "2025-11-01");
        assertThat(report.at("/points/2/changes/1/after/details/status").asText()).isEqualTo("MEMBER");
    }

    @Test
    void a_bad_range_is_exit_2_naming_each_flag_before_anything_loads() {
        Run run = run("--from", "2025-02-30", "--to", "2025-01-01", "--step", "fortnight", profile.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(
                "error: --from '2025-02-30' is not a date (YYYY-MM-DD)",
                "error: --step 'fortnight' is not one of [day, week, month, quarter, year, changes]");
        assertThat(run("--from", "2025-03-01", "--to", "2025-01-01", profile.toString()).err())
                .isEqualTo("error: --to 2025-01-01 is before --from 2025-03-01\n");
        assertThat(run("--to", "2025-01-01", profile.toString()).err())
                .isEqualTo("error: --from is required (a date, YYYY-MM-DD)\n");
        Run tooMany = run("--from", "2020-01-01", "--to", "2025-01-01", "--step", "day", profile.toString());
        assertThat(tooMany.code()).isEqualTo(2);
        assertThat(tooMany.err()).isEqualTo("error: from 2020-01-01 to 2025-01-01 by day is 1,828 dates; a timeline "
                + "evaluates at most 1,000: take a longer --step or a shorter range\n");
    }

    @Test
    void one_file_only_and_format_only_with_a_range() {
        Run two = run("--from", "2025-01-01", "--to", "2025-02-01", profile.toString(), profile.toString());
        assertThat(two.code()).isEqualTo(2);
        assertThat(two.err()).isEqualTo("error: a timeline is of one profile; 2 FILEs were given\n");
        Run format = run("--format", "json", profile.toString());
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.err()).isEqualTo("error: --format is for a timeline: give --from and --to\n");
    }

    @Test
    void an_invalid_profile_is_exit_2_with_its_problems(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), TimelineFacts.PROFILE.replace("\"gallium\"", "\"galium\""));
        Run text = run("--from", "2025-01-01", "--to", "2025-02-01", bad.toString());
        assertThat(text.code()).isEqualTo(2);
        assertThat(text.err()).startsWith("error: " + bad + " /minerals/0/mineral: unknown_mineral: ");
        Run json = run("--from", "2025-01-01", "--to", "2025-02-01", "--format", "json", bad.toString());
        assertThat(json.code()).isEqualTo(2);
        JsonNode errors = JSON.readTree(json.out());
        assertThat(errors.get("input").asText()).isEqualTo(bad.toString());
        assertThat(errors.at("/errors/0/pointer").asText()).isEqualTo("/minerals/0/mineral");
        Run missing = run("--from", "2025-01-01", "--to", "2025-02-01", dir.resolve("none.json").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("not_found: no such file");
    }
}
