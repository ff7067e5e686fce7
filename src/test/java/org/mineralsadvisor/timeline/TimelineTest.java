package org.mineralsadvisor.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.advice.Advisor;
import org.mineralsadvisor.advice.Recommendation;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.FactBaseLoader;
import org.mineralsadvisor.profile.CountryProfile;
import org.mineralsadvisor.profile.ProfileParser;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.rules.RuleSetCompiler;
import org.mineralsadvisor.timeline.TimelineReport.Change;
import org.mineralsadvisor.timeline.TimelineReport.Field;
import org.mineralsadvisor.timeline.TimelineReport.Point;
import org.mineralsadvisor.timeline.TimelineReport.Rec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * On {@link TimelineFacts}: a control comes into force on 15 March and ends after 31 October,
 * India joins the MSP on 10 June; the timeline reports those dates and exactly what they change.
 */
class TimelineTest {
    private static RuleSet rules;
    private static FactBase facts;
    private static CountryProfile india;

    @BeforeAll
    static void load(@TempDir Path dir) throws IOException {
        rules = new RuleSetCompiler().compile(Path.of("rules"));
        facts = new FactBaseLoader().load(TimelineFacts.write(dir.resolve("facts")));
        india = parse(TimelineFacts.PROFILE);
    }

    private static CountryProfile parse(String json) {
        return new ProfileParser(facts).parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static TimelineReport run(CountryProfile profile, String from, String to, String step) {
        return new Timeline(new Advisor()).run(rules, facts, profile, TimelineRange.of(from, to, step, p -> p));
    }

    private static List<String> dates(TimelineReport report) {
        return report.points().stream().map(p -> p.asOf().toString()).toList();
    }

    /** {@code ~ STOCKPILE gallium targetDays 100 → 180; …}, as the text form writes it. */
    private static List<String> changes(Point point) {
        return point.changes().stream().map(TimelineText::change).toList();
    }

    @Test
    void by_changes_the_points_are_the_exact_dates_a_control_and_a_membership_start_and_end() {
        TimelineReport report = run(india, "2025-01-01", "2025-12-31", "changes");
        // The baseline and the three dates: the USA-only ban and the graphite control are not India's.
        assertThat(report.evaluated()).isEqualTo(4);
        assertThat(dates(report)).containsExactly("2025-01-01", "2025-03-15", "2025-06-10", "2025-11-01");

        Point baseline = report.points().get(0);
        assertThat(baseline.changes()).isEmpty();
        assertThat(baseline.events()).isEmpty();
        assertThat(baseline.recommendations()).extracting(r -> r.priority() + " " + r.type() + " " + r.subject())
                .containsExactly("HIGH STOCKPILE gallium", "MEDIUM DIVERSIFY gallium", "MEDIUM COALITION MSP");

        Point control = report.points().get(1);
        assertThat(changes(control)).containsExactly(
                "~ STOCKPILE gallium targetDays 100 → 180; acquireTonnes 22.4 → 44.32; estimatedCostUsd 11,200,000 → "
                        + "22,160,000; fundedUsd 11,200,000 → 22,160,000; factors [IMPORT_RELIANT, CONCENTRATED_SOURCING, "
                        + "GLOBAL_CHOKEPOINT, DEFENCE_CRITICAL] → [IMPORT_RELIANT, CONCENTRATED_SOURCING, "
                        + "EXPORT_CONTROL_EXPOSED, GLOBAL_CHOKEPOINT, DEFENCE_CRITICAL]",
                "~ DIVERSIFY gallium priority MEDIUM → HIGH");
        assertThat(control.events()).containsExactly(new FactEvent(LocalDate.parse("2025-03-15"),
                FactEvent.Kind.CONTROL_IN_FORCE, "gallium", "CHN LICENSING on gallium (all countries) comes into force",
                "export_controls.csv", 2));

        Point joined = report.points().get(2);
        assertThat(changes(joined)).containsExactly("~ DIVERSIFY gallium partners [] → [AUS]",
                "~ COALITION MSP priority MEDIUM → INFO; status NOT_YET_ELIGIBLE → MEMBER");
        assertThat(joined.events()).extracting(FactEvent::kind, FactEvent::text, FactEvent::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FactEvent.Kind.JOINED, "IND joins MSP", 4));
        Change member = joined.changes().get(1);
        assertThat(member.before().summary()).isEqualTo("Not yet eligible for MSP: 1 criterion unmet (MSP-STAKE).");
        assertThat(member.after().priority()).isEqualTo("INFO");
        assertThat(member.fields()).extracting(Field::field).containsExactly("priority", "details.status");

        Point ended = report.points().get(3);
        assertThat(ended.events()).extracting(FactEvent::kind, FactEvent::date).containsExactly(
                org.assertj.core.groups.Tuple.tuple(FactEvent.Kind.CONTROL_ENDED, LocalDate.parse("2025-11-01")));
        // Back to the recommendations of before 15 March, bar the partner India gained on joining.
        assertThat(ended.recommendations().get(0)).isEqualTo(baseline.recommendations().get(0));
        assertThat(changes(ended)).containsExactly(
                "~ STOCKPILE gallium targetDays 180 → 100; acquireTonnes 44.32 → 22.4; estimatedCostUsd 22,160,000 → "
                        + "11,200,000; fundedUsd 22,160,000 → 11,200,000; factors [IMPORT_RELIANT, CONCENTRATED_SOURCING, "
                        + "EXPORT_CONTROL_EXPOSED, GLOBAL_CHOKEPOINT, DEFENCE_CRITICAL] → [IMPORT_RELIANT, "
                        + "CONCENTRATED_SOURCING, GLOBAL_CHOKEPOINT, DEFENCE_CRITICAL]",
                "~ DIVERSIFY gallium priority HIGH → MEDIUM");
    }

    @Test
    void by_month_a_change_shows_on_the_first_step_after_it_with_the_events_in_between() {
        TimelineReport report = run(india, "2025-01-01", "2025-12-31", "month");
        assertThat(report.evaluated()).isEqualTo(13);
        assertThat(dates(report)).containsExactly("2025-01-01", "2025-04-01", "2025-07-01", "2025-11-01");
        TimelineReport exact = run(india, "2025-01-01", "2025-12-31", "changes");
        for (int i = 1; i < 4; i++) {
            // The same changes as on the exact dates, and the events since the month before.
            assertThat(report.points().get(i).changes()).isEqualTo(exact.points().get(i).changes());
            assertThat(report.points().get(i).events()).isEqualTo(exact.points().get(i).events());
        }
        assertThat(report.step()).isEqualTo("month");
        assertThat(report.from()).isEqualTo(LocalDate.parse("2025-01-01"));
        assertThat(report.to()).isEqualTo(LocalDate.parse("2025-12-31"));
    }

    @Test
    void by_changes_finds_what_evaluating_every_day_finds() {
        TimelineReport daily = run(india, "2025-03-01", "2025-06-30", "day");
        TimelineReport exact = run(india, "2025-03-01", "2025-06-30", "changes");
        assertThat(daily.evaluated()).isEqualTo(122);
        assertThat(exact.evaluated()).isEqualTo(3);
        assertThat(daily.points()).isEqualTo(exact.points());
    }

    @Test
    void each_point_is_the_advice_on_its_date_whatever_the_profiles_own_as_of() {
        CountryProfile earlier = parse(TimelineFacts.PROFILE.replace("2026-01-01", "2019-05-05"));
        TimelineReport report = run(earlier, "2025-01-01", "2025-12-31", "changes");
        assertThat(report.profileAsOf()).isEqualTo(LocalDate.parse("2019-05-05"));
        assertThat(report.points()).isEqualTo(run(india, "2025-01-01", "2025-12-31", "changes").points());
        for (Point point : report.points()) {
            List<String> direct = new ArrayList<>();
            new Advisor().evaluate(rules, facts, earlier.withAsOf(point.asOf()), false).recommendations()
                    .forEach(r -> direct.add(r.type() + " " + r.subject() + " " + r.priority() + " "
                            + AdviceJson.compact(r.details())));
            assertThat(point.recommendations()).extracting(r -> r.type() + " " + r.subject() + " " + r.priority() + " "
                    + AdviceJson.compact(r.details())).as(point.asOf().toString()).isEqualTo(direct);
        }
    }

    @Test
    void a_range_without_changes_is_its_first_date_alone() {
        TimelineReport report = run(india, "2025-06-10", "2025-10-31", "week");
        assertThat(report.evaluated()).isEqualTo(22);
        assertThat(dates(report)).containsExactly("2025-06-10");
        assertThat(run(india, "2025-06-10", "2025-10-31", "changes").evaluated()).isEqualTo(1);
        TimelineReport single = run(india, "2025-03-15", "2025-03-15", "day");
        assertThat(single.evaluated()).isEqualTo(1);
        assertThat(single.points()).singleElement().satisfies(p -> assertThat(p.changes()).isEmpty());
    }

    @Test
    void the_json_names_each_part_and_writes_dates_as_the_contract_does() throws IOException {
        JsonNode json = AdviceJson.mapper().readTree(AdviceJson.compact(run(india, "2025-01-01", "2025-06-30", "changes")));
        assertThat(json.get("from").asText()).isEqualTo("2025-01-01");
        assertThat(json.at("/points/1/asOf").asText()).isEqualTo("2025-03-15");
        assertThat(json.at("/points/1/changes/0/change").asText()).isEqualTo("CHANGED");
        assertThat(json.at("/points/1/changes/0/fields/0/field").asText()).isEqualTo("details.targetDays");
        assertThat(json.at("/points/1/changes/0/fields/0/before").asInt()).isEqualTo(100);
        assertThat(json.at("/points/1/events/0/date").asText()).isEqualTo("2025-03-15");
        assertThat(json.at("/points/1/recommendations/0").has("id")).isFalse();
        assertThat(json.at("/points/1/recommendations/0").has("because")).isFalse();
    }

    private static Recommendation rec(String type, String subject, String priority, String policyId, String summary) {
        return new Recommendation("rec-1", org.mineralsadvisor.model.RecommendationType.valueOf(type), subject,
                org.mineralsadvisor.model.Priority.valueOf(priority), policyId, summary, null, List.of(), List.of());
    }

    @Test
    void added_then_removed_then_changed_matched_by_type_and_subject() {
        Recommendation stock = rec("STOCKPILE", "gallium", "HIGH", "STK-TRIGGER", "s");
        Recommendation partners = rec("DIVERSIFY", "gallium", "MEDIUM", "DIV-PARTNERS", "d");
        Recommendation corridor = rec("CORRIDOR", "C1", "LOW", "COR-RANK", "c");
        Recommendation raised = rec("DIVERSIFY", "gallium", "HIGH", "DIV-PARTNERS", "d");
        List<Change> changes = Timeline.changes(List.of(stock, partners), List.of(corridor, raised));
        assertThat(changes).extracting(c -> c.change() + " " + c.type() + " " + c.subject()).containsExactly(
                "ADDED CORRIDOR C1", "REMOVED STOCKPILE gallium", "CHANGED DIVERSIFY gallium");
        assertThat(changes.get(0).before()).isNull();
        assertThat(changes.get(0).after()).isEqualTo(new Rec("CORRIDOR", "C1", "LOW", "COR-RANK", "c", null));
        assertThat(changes.get(1).after()).isNull();
        assertThat(changes.get(2).fields()).extracting(f -> f.field() + " " + f.before().asText() + " " + f.after().asText())
                .containsExactly("priority MEDIUM HIGH");
        assertThat(Timeline.changes(List.of(stock, partners), List.of(partners, stock))).as("order is no change").isEmpty();
    }

    @Test
    void by_changes_more_than_1000_dates_is_refused_before_any_evaluation(@TempDir Path dir) throws IOException {
        Path many = TimelineFacts.write(dir);
        List<String> countries = new ArrayList<>(List.of("iso3,name", "AUS,Australia", "CHN,China", "IND,India",
                "USA,United States"));
        List<String> members = new ArrayList<>(List.of("coalition,country,joined,source,as_of"));
        for (int i = 0; i < 1_001; i++) {
            String code = "Z" + (char) ('A' + i / 26 % 26) + (char) ('A' + i % 26);
            if (i >= 676) {
                code = "Y" + (char) ('A' + (i - 676) / 26) + (char) ('A' + (i - 676) % 26);
            }
            countries.add(code + ",Country " + i);
            members.add("MSP," + code + "," + LocalDate.parse("2025-01-02").plusDays(i) + ",test,2025");
        }
        Files.write(many.resolve("countries.csv"), countries);
        Files.write(many.resolve("coalition_members.csv"), members);
        FactBase crowded = new FactBaseLoader().load(many);
        CountryProfile profile = new ProfileParser(crowded).parse(TimelineFacts.PROFILE.getBytes(StandardCharsets.UTF_8));
        TimelineRange range = TimelineRange.of("2025-01-01", "2027-12-31", "changes", p -> p);
        assertThatThrownBy(() -> Timeline.dates(range, crowded, profile))
                .isInstanceOfSatisfying(InvalidRangeException.class, e -> assertThat(e.problems()).singleElement()
                        .isEqualTo(new RangeProblem("step", "too_many_dates", "from 2025-01-01 to 2027-12-31 the fact base "
                                + "changes on 1,001 dates; a timeline evaluates at most 1,000: shorten the range")));
        assertThat(Timeline.dates(TimelineRange.of("2025-01-01", "2027-09-27", "changes", p -> p), crowded, profile))
                .hasSize(1_000);
    }
}
