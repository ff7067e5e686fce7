package org.mineralsadvisor.timeline;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.advice.Advisor;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.FactBaseLoader;
import org.mineralsadvisor.profile.CountryProfile;
import org.mineralsadvisor.profile.ProfileParser;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.rules.RuleSetCompiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timeline sees pack v1.1's dates (handbook section 8): a control suspended from 2025-11-09 to
 * 2026-11-27, a coalition that ends on 2026-02-04 and its successor founded that day, and a member
 * that leaves. By "changes" it finds each on its exact day, the same as evaluating every day.
 */
class PackV11TimelineTest {
    private static RuleSet rules;
    private static FactBase facts;
    private static CountryProfile india;

    @BeforeAll
    static void load(@TempDir Path dir) throws IOException {
        rules = new RuleSetCompiler().compile(Path.of("rules"));
        write(dir, "countries.csv", "iso3,name,part_of,source,as_of", "AUS,Australia,,t,2026", "CHN,China,,t,2026",
                "IND,India,,t,2026", "USA,United States,,t,2026");
        write(dir, "minerals.csv", "id,name,group,defence_critical,semiconductor_input,price_usd_per_tonne,source,as_of",
                "gallium,Gallium,SEMICONDUCTOR,true,true,500000,t,2026");
        write(dir, "production.csv", "mineral,stage,country,share,source,as_of",
                "gallium,refining,CHN,0.90,t,2026", "gallium,refining,AUS,0.06,t,2026");
        write(dir, "export_controls.csv", "mineral,imposed_by,measure,in_force_from,in_force_until,applies_to,"
                + "suspended_from,suspended_until,source,as_of",
                "gallium,CHN,LICENSING,2023-08-01,,ALL,2025-11-09,2026-11-27,t,2025-11-09");
        write(dir, "coalitions.csv", "id,name,founded,focus,ended,succeeded_by,source,as_of",
                "MSP,Minerals Security Partnership,2022-06-14,minerals,2026-02-04,FORGE,t,2026",
                "FORGE,Forum,2026-02-04,minerals,,,t,2026");
        write(dir, "coalition_members.csv", "coalition,country,joined,left,source,as_of",
                "MSP,IND,2023-06-30,,t,2026", "MSP,AUS,2022-06-14,2025-12-01,t,2026");
        write(dir, "corridors.csv", "id,country,name,region,resource_tonnes_reo,separation_capacity_tpa,port_distance_km,"
                + "power_available,magnet_plant_linked,clearance,source,as_of");
        facts = new FactBaseLoader().load(dir);
        india = new ProfileParser(facts).parse(("""
                {"country": "IND", "asOf": "2026-01-01", "capabilities": {"investmentScreening": true, "esgStandards": true},
                 "minerals": [{"mineral": "gallium", "annualDemandTonnes": 100, "stockTonnes": 5, "defenceUse": true,
                               "imports": [{"from": "CHN", "tonnes": 80}, {"from": "AUS", "tonnes": 20}]}]}""")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path dir, String file, String... lines) throws IOException {
        Files.writeString(dir.resolve(file), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private static TimelineReport run(String from, String to, String step) {
        return new Timeline(new Advisor()).run(rules, facts, india, TimelineRange.of(from, to, step, p -> p));
    }

    @Test
    void by_changes_the_points_are_the_suspension_the_leaving_the_succession_and_the_end_of_the_suspension() {
        TimelineReport report = run("2025-11-01", "2026-12-31", "changes");
        assertThat(report.points()).extracting(p -> p.asOf().toString())
                .containsExactly("2025-11-01", "2025-11-09", "2025-12-01", "2026-02-04", "2026-11-28");
        assertThat(report.points().get(1).events()).extracting(e -> e.kind().name()).containsExactly("SUSPENDED");
        assertThat(report.points().get(2).events()).extracting(e -> e.kind().name()).containsExactly("LEFT");
        assertThat(report.points().get(3).events()).extracting(e -> e.kind().name())
                .containsExactlyInAnyOrder("FOUNDED", "ENDED");
        assertThat(report.points().get(4).events()).extracting(e -> e.kind().name()).containsExactly("SUSPENSION_ENDED");
        // On the day the MSP ends, its recommendation goes and FORGE's comes.
        assertThat(report.points().get(3).changes()).extracting(c -> c.change() + " " + c.type() + " " + c.subject())
                .contains("REMOVED COALITION MSP", "ADDED COALITION FORGE");
    }

    @Test
    void by_changes_finds_what_evaluating_every_day_finds() {
        TimelineReport daily = run("2025-11-01", "2026-12-31", "day");
        TimelineReport exact = run("2025-11-01", "2026-12-31", "changes");
        assertThat(daily.points()).extracting(p -> p.asOf().toString())
                .isEqualTo(exact.points().stream().map(p -> p.asOf().toString()).toList());
        assertThat(daily.points()).extracting(TimelineReport.Point::changes)
                .isEqualTo(exact.points().stream().map(TimelineReport.Point::changes).toList());
        assertThat(List.of(daily.evaluated(), exact.evaluated())).containsExactly(426, 5);
    }
}
