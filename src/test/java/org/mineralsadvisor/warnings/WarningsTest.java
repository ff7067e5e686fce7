package org.mineralsadvisor.warnings;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.advice.Advice;
import org.mineralsadvisor.advice.Advisor;
import org.mineralsadvisor.advice.Recommendation;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.FactBaseLoader;
import org.mineralsadvisor.profile.ProfileParser;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.rules.RuleSetCompiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The advice's warnings (handbook section 8, ADV-WARNINGS), each at its edges, on a small fact base:
 * a control whose suspension ended the day before asOf in a row written before that end; rows one
 * day within and one day beyond their file's maximum age; an illustrative row; a mineral without
 * production rows.
 */
class WarningsTest {
    private static RuleSet rules;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void compile() {
        rules = new RuleSetCompiler().compile(Path.of("rules"));
    }

    private static Path facts(String name, String controls, String production, String members) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        write(dir, "countries.csv", "iso3,name,source,as_of", "AUS,Australia,t,2026", "CHN,China,t,2026",
                "IND,India,t,2026", "USA,United States,t,2026");
        write(dir, "minerals.csv", "id,name,group,defence_critical,semiconductor_input,price_usd_per_tonne,source,as_of",
                "gallium,Gallium,SEMICONDUCTOR,false,true,,t,2026-01-01",
                "tellurium,Tellurium,OTHER,false,false,,t,2026-01-01");
        write(dir, "production.csv", "mineral,stage,country,share,source,as_of", production.split("\n"));
        write(dir, "export_controls.csv", "mineral,imposed_by,measure,in_force_from,in_force_until,applies_to,"
                + "suspended_from,suspended_until,source,as_of", controls.split("\n"));
        write(dir, "coalitions.csv", "id,name,focus,source,as_of", "QUAD,Quad,dialogue,t,2026-01-01");
        write(dir, "coalition_members.csv", "coalition,country,joined,source,as_of", members.split("\n"));
        write(dir, "corridors.csv", "id,country,name,region,resource_tonnes_reo,separation_capacity_tpa,port_distance_km,"
                + "power_available,magnet_plant_linked,clearance,source,as_of");
        return dir;
    }

    private static void write(Path dir, String file, String header, String... lines) throws IOException {
        List<String> all = Stream.concat(Stream.of(header), Stream.of(lines).filter(l -> !l.isBlank())).toList();
        Files.writeString(dir.resolve(file), String.join("\n", all) + "\n", StandardCharsets.UTF_8);
    }

    private static Advice advise(FactBase facts, String asOf, boolean traced, String... minerals) {
        StringBuilder ms = new StringBuilder();
        for (String m : minerals) {
            ms.append(ms.isEmpty() ? "" : ",").append("{\"mineral\": \"").append(m)
                    .append("\", \"annualDemandTonnes\": 100, \"imports\": [{\"from\": \"CHN\", \"tonnes\": 90}, "
                            + "{\"from\": \"AUS\", \"tonnes\": 10}]}");
        }
        String json = "{\"country\": \"IND\", \"asOf\": \"" + asOf + "\", \"memberships\": [\"QUAD\"], \"minerals\": [" + ms + "]}";
        return new Advisor().evaluate(rules, facts, new ProfileParser(facts).parse(json.getBytes(StandardCharsets.UTF_8)), traced);
    }

    private static List<String> codes(Advice advice) {
        return advice.warnings().stream().map(w -> w.code() + " " + w.subject() + " " + w.evidence()).toList();
    }

    @Test
    void a_suspension_that_ended_before_asOf_in_a_row_written_before_its_end_is_reported_the_day_after_it_ends() throws IOException {
        FactBase facts = new FactBaseLoader().load(facts("lapsed",
                "gallium,CHN,LICENSING,2023-08-01,,ALL,2025-11-09,2026-11-27,t,2025-11-09\n"
                        + "gallium,CHN,BAN,2024-12-03,,USA,2025-11-09,2026-11-27,t,2025-11-09",
                "gallium,refining,CHN,0.98,t,2026-01-01", "QUAD,AUS,2007-12-31,t,2026-01-01"));
        assertThat(advise(facts, "2026-11-27", true, "gallium").warnings())
                .as("on suspended_until itself the suspension has not ended").isEmpty();
        Advice after = advise(facts, "2026-11-28", true, "gallium");
        // The USA-only row does not apply to India; the row, a year old, is also stale (codes in handbook order).
        assertThat(codes(after)).containsExactly("SUSPENSION_LAPSED gallium [facts/export_controls.csv:2]",
                "STALE_FACT gallium [facts/export_controls.csv:2]");
        Warning warning = after.warnings().get(0);
        assertThat(warning.message()).contains("2025-11-09 to 2026-11-27").contains("treated as back in force");
        assertThat(after.evidence()).containsKey("facts/export_controls.csv:2");
        // Back in force: the control counts again, and the untraced advice warns alike.
        assertThat(after.recommendations()).anySatisfy(r -> assertThat(r.summary()).contains("gallium"));
        assertThat(codes(advise(facts, "2026-11-28", false, "gallium"))).isEqualTo(codes(after));
    }

    @Test
    void a_row_written_on_or_after_the_end_of_its_suspension_says_what_followed() throws IOException {
        FactBase facts = new FactBaseLoader().load(facts("told",
                "gallium,CHN,LICENSING,2023-08-01,,ALL,2025-11-09,2026-11-27,t,2026-11-27\n"
                        + "tellurium,CHN,LICENSING,2023-08-01,,ALL,2025-11-09,2026-11-27,t,2026",
                "gallium,refining,CHN,0.98,t,2026-01-01\ntellurium,refining,CHN,0.7,t,2026-01-01",
                "QUAD,AUS,2007-12-31,t,2026-01-01"));
        // as_of equal to suspended_until, and a year-only as_of (31 December 2026), are not before its end.
        assertThat(advise(facts, "2026-12-01", true, "gallium", "tellurium").warnings())
                .noneMatch(w -> w.code() == WarningCode.SUSPENSION_LAPSED);
    }

    @Test
    void a_control_whose_validity_has_ended_as_well_is_not_said_to_be_back_in_force() throws IOException {
        FactBase facts = new FactBaseLoader().load(facts("ended",
                "gallium,CHN,LICENSING,2023-08-01,2026-12-15,ALL,2025-11-09,2026-11-27,t,2025-11-09",
                "gallium,refining,CHN,0.98,t,2026-01-01", "QUAD,AUS,2007-12-31,t,2026-01-01"));
        assertThat(advise(facts, "2026-12-15", true, "gallium").warnings())
                .anyMatch(w -> w.code() == WarningCode.SUSPENSION_LAPSED);
        assertThat(advise(facts, "2026-12-16", true, "gallium").warnings())
                .noneMatch(w -> w.code() == WarningCode.SUSPENSION_LAPSED);
    }

    @Test
    void a_row_is_stale_one_day_past_its_files_maximum_age_and_not_on_the_last_day() throws IOException {
        // export_controls.csv rows go stale after 180 days (ADV-WARNINGS in rules/policies.yaml).
        FactBase facts = new FactBaseLoader().load(facts("stale",
                "gallium,CHN,LICENSING,2023-08-01,,ALL,,,t,2026-01-01",
                "gallium,refining,CHN,0.98,t,2026-01-01", "QUAD,AUS,2007-12-31,t,2026-01-01"));
        String lastDay = java.time.LocalDate.parse("2026-01-01").plusDays(180).toString();
        String dayAfter = java.time.LocalDate.parse("2026-01-01").plusDays(181).toString();
        assertThat(advise(facts, lastDay, true, "gallium").warnings()).noneMatch(w -> w.code() == WarningCode.STALE_FACT);
        Advice stale = advise(facts, dayAfter, true, "gallium");
        assertThat(stale.warnings()).filteredOn(w -> w.code() == WarningCode.STALE_FACT).singleElement().satisfies(w -> {
            assertThat(w.subject()).isEqualTo("gallium");
            assertThat(w.evidence()).containsExactly("facts/export_controls.csv:2");
            assertThat(w.message()).contains("181 days old").contains("after 180 days");
        });
    }

    @Test
    void the_maximum_ages_are_the_rule_sets_parameters() throws IOException {
        Path copy = tmp.resolve("rules-copy");
        try (Stream<Path> files = Files.walk(Path.of("rules"))) {
            for (Path f : files.toList()) {
                Path target = copy.resolve(Path.of("rules").relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        Path catalogue = copy.resolve("policies.yaml");
        String text = Files.readString(catalogue);
        assertThat(text).contains("export_controls_max_age_days: 180");
        Files.writeString(catalogue, text.replace("export_controls_max_age_days: 180", "export_controls_max_age_days: 10"));
        RuleSet shorter = new RuleSetCompiler().compile(copy);
        FactBase facts = new FactBaseLoader().load(facts("configured",
                "gallium,CHN,LICENSING,2023-08-01,,ALL,,,t,2026-01-01",
                "gallium,refining,CHN,0.98,t,2026-01-01", "QUAD,AUS,2007-12-31,t,2026-01-01"));
        String json = "{\"country\": \"IND\", \"asOf\": \"2026-01-12\", \"minerals\": [{\"mineral\": \"gallium\", "
                + "\"annualDemandTonnes\": 100, \"imports\": [{\"from\": \"CHN\", \"tonnes\": 100}]}]}";
        Advice advice = new Advisor().evaluate(shorter, facts, new ProfileParser(facts).parse(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(advice.warnings()).anySatisfy(w -> {
            assertThat(w.code()).isEqualTo(WarningCode.STALE_FACT);
            assertThat(w.message()).contains("11 days old").contains("after 10 days");
        });
        assertThat(new Advisor().evaluate(rules, facts, new ProfileParser(facts).parse(json.getBytes(StandardCharsets.UTF_8)))
                .warnings()).noneMatch(w -> w.code() == WarningCode.STALE_FACT);
    }

    @Test
    void an_illustrative_row_is_reported_and_said_in_the_summary_and_a_mineral_without_production_is_reported() throws IOException {
        FactBase facts = new FactBaseLoader().load(facts("illustrative", "",
                "gallium,refining,AUS,0.10,t,2026-01-01\ngallium,refining,CHN,0.80,t,2026-01-01",
                "QUAD,AUS,2007-12-31,illustrative: assumed join date,2026-01-01"));
        Advice advice = advise(facts, "2026-06-01", true, "tellurium", "gallium");
        assertThat(codes(advice)).containsExactly(
                "ILLUSTRATIVE_FACT gallium [facts/coalition_members.csv:2]",
                "NO_PRODUCTION_DATA tellurium [facts/minerals.csv:3]");
        Recommendation diversify = advice.recommendations().stream()
                .filter(r -> r.type().name().equals("DIVERSIFY") && r.subject().equals("gallium")).findFirst().orElseThrow();
        assertThat(diversify.summary()).endsWith("Rests on illustrative figures (assumed, not sourced): facts/coalition_members.csv:2.");
        assertThat(advice.recommendations()).filteredOn(r -> r.subject().equals("tellurium"))
                .allSatisfy(r -> assertThat(r.summary()).doesNotContain("illustrative"));
        // Every id a warning cites is listed in the advice's evidence.
        advice.warnings().forEach(w -> assertThat(advice.evidence()).containsKeys(w.evidence().toArray(String[]::new)));
    }
}
