package org.mineralsadvisor.counterfactual;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.advice.Advice;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.advice.Advisor;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.FactBaseLoader;
import org.mineralsadvisor.profile.ProfileParser;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.rules.RuleSetCompiler;
import org.mineralsadvisor.testing.Directories;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoublePredicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Boundaries exactly on a threshold, in IEEE double as the handbook computes them, and their sentences. */
class BoundaryArithmeticTest {
    private static RuleSet rules;

    @TempDir
    Path temp;

    @BeforeAll
    static void compile() {
        rules = new RuleSetCompiler().compile(Path.of("rules"));
    }

    @Test
    void a_stock_exactly_at_the_target_is_the_boundary_itself() {
        // 60 t of a 365 t/yr demand is exactly 60 days: it meets "stockDays < 60" no more.
        DoublePredicate covers = s -> MineralTrial.stockDays(s, 365) >= 60;
        assertThat(Boundary.smallest(0, 1000, covers)).isEqualTo(60.0);
        assertThat(covers.test(Math.nextDown(60.0))).isFalse();
    }

    @Test
    void production_exactly_at_half_the_demand_is_still_import_reliant() {
        // (120 - 60) / 120 = 0.5 exactly, which meets "≥ 0.50": the boundary is the next double up.
        DoublePredicate independent = p -> !(MineralTrial.reliance(120, p) >= 0.5);
        assertThat(MineralTrial.reliance(120, 60)).isEqualTo(0.5);
        assertThat(Boundary.smallest(0, 120, independent)).isEqualTo(Math.nextUp(60.0));
    }

    @Test
    void a_controlled_share_exactly_at_the_line_still_fires_so_the_cut_stops_one_double_below() {
        // 100 controlled t of 400 t is exactly 0.25.
        DoublePredicate below = x -> !(x / (x + 300) >= 0.25);
        double largest = Boundary.largest(0, 100, below);
        assertThat(below.test(100)).isFalse();
        assertThat(below.test(largest)).isTrue();
        assertThat(below.test(Math.nextUp(largest))).isFalse();
        assertThat(largest).isLessThan(100);
    }

    @Test
    void no_boundary_where_the_far_end_does_not_satisfy_the_condition() {
        assertThat(Boundary.smallest(0, 10, x -> x > 20)).isNaN();
        assertThat(Boundary.largest(0, 10, x -> x > 20)).isNaN();
    }

    @Test
    void sentences_round_a_boundary_only_in_the_direction_that_keeps_them_true() {
        DoublePredicate covers = s -> MineralTrial.stockDays(s, 120) >= 180;
        double boundary = Boundary.smallest(0, 1000, covers);
        assertThat(Display.bound(boundary, true, covers)).isEqualTo("59.18");
        assertThat(covers.test(59.18)).isTrue();
        // 60.00000000000001 rounded to four digits the usual way is 60, which would be false.
        assertThat(Display.bound(Math.nextUp(60.0), true, p -> p > 60)).isEqualTo("60.01");
        assertThat(Display.bound(32876.71232876713, true, p -> p >= 32876.71232876713)).isEqualTo("32,880");
        // A share just below its line never reads as the line.
        assertThat(Display.pctAgainst(Math.nextDown(0.25), 0.25)).isEqualTo("24.99%");
        assertThat(Display.pctAgainst(0.25, 0.25)).isEqualTo("25%");
        assertThat(Display.numAgainst(Math.nextDown(2500.0), 2500)).isEqualTo("2,499");
    }

    @Test
    void a_near_miss_is_within_ten_percent_below_the_line_inclusive() {
        assertThat(NearMisses.near(0.45, 0.5)).isTrue();
        assertThat(NearMisses.near(0.9 * 0.5, 0.5)).isTrue();
        assertThat(NearMisses.near(Math.nextDown(0.9 * 0.5), 0.5)).isFalse();
        assertThat(NearMisses.near(0.5, 0.5)).isFalse();
        assertThat(NearMisses.near(0.1, 0)).isFalse();
    }

    @Test
    void without_a_catalogue_no_stockpile_or_corridor_counterfactual_is_offered() {
        assertThat(PackRules.of(new Parameters(null))).isNull();
        assertThat(CorridorPoints.of(new Parameters(null))).isNull();
    }

    // ---------------------------------------------------------------------------- end to end

    private Path facts() throws IOException {
        Path dir = temp.resolve("facts");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("countries.csv"), "iso3,name,source,as_of\nIND,India,t,2026\nCHN,China,t,2026\n"
                + "AUS,Australia,t,2026\n");
        Files.writeString(dir.resolve("minerals.csv"), "id,name,group,defence_critical,semiconductor_input,"
                + "price_usd_per_tonne,source,as_of\ngallium,Gallium,G,false,false,1000,t,2025\n");
        Files.writeString(dir.resolve("production.csv"), "mineral,stage,country,share,source,as_of\n"
                + "gallium,refining,CHN,0.5,t,2024\ngallium,refining,AUS,0.1,t,2024\n");
        Files.writeString(dir.resolve("export_controls.csv"),
                "mineral,imposed_by,measure,in_force_from,in_force_until,applies_to,source,as_of\n");
        Files.writeString(dir.resolve("coalitions.csv"), "id,name,focus,source,as_of\n");
        Files.writeString(dir.resolve("coalition_members.csv"), "coalition,country,joined,source,as_of\n");
        Files.writeString(dir.resolve("corridors.csv"), "id,country,name,region,resource_tonnes_reo,"
                + "separation_capacity_tpa,port_distance_km,power_available,magnet_plant_linked,clearance,source,as_of\n");
        return dir;
    }

    private static JsonNode advise(RuleSet rules, FactBase facts, String profile) {
        Advice advice = new Advisor().evaluate(rules, facts, new ProfileParser(facts).parse(profile), false);
        return AdviceJson.mapper().valueToTree(advice);
    }

    private static JsonNode stockpile(JsonNode advice) {
        for (JsonNode rec : advice.get("recommendations")) {
            if (rec.get("type").asText().equals("STOCKPILE")) {
                return rec;
            }
        }
        return null;
    }

    private static String profile(double production, double stock) {
        return "{\"country\":\"IND\",\"asOf\":\"2026-02-04\",\"minerals\":[{\"mineral\":\"gallium\","
                + "\"annualDemandTonnes\":365,\"domesticProductionTonnes\":" + production + ",\"stockTonnes\":" + stock
                + ",\"imports\":[{\"from\":\"CHN\",\"tonnes\":100}]}]}";
    }

    @Test
    void a_corridor_without_separation_capacity_reaches_the_next_tier_with_any_capacity_above_zero() throws IOException {
        FactBase facts = new FactBaseLoader().load(facts());
        // 250,000 t (+20), no capacity, 120 km (+10), GRANTED (+5): 35, TIER_3; any capacity above 0 adds 5: 40, TIER_2.
        String corridor = "{\"id\":\"C\",\"resourceTonnesReo\":250000,\"separationCapacityTpa\":%s,\"portDistanceKm\":120,"
                + "\"powerAvailable\":false,\"magnetPlantLinked\":false,\"clearance\":\"GRANTED\"}";
        String profile = "{\"country\":\"IND\",\"asOf\":\"2026-02-04\",\"minerals\":[],\"corridors\":[" + corridor + "]}";
        JsonNode rec = advise(rules, facts, profile.formatted("0")).get("recommendations").get(0);
        assertThat(rec.at("/details/score").asInt()).isEqualTo(35);
        JsonNode processing = null;
        for (JsonNode item : rec.get("whatWouldChange")) {
            if (item.get("policyId").asText().equals("COR-PROCESSING")) {
                processing = item;
            }
        }
        assertThat(processing).as("a COR-PROCESSING item").isNotNull();
        assertThat(processing.get("effect").asText()).isEqualTo("TIER");
        assertThat(processing.get("to").doubleValue()).isEqualTo(1.0);
        assertThat(processing.get("text").asText()).contains("above 0").contains("adds 5 points").contains("40, TIER_2");
        // Applied, and with far less than the next band's 1,000 t a year, the tier is reached.
        for (String capacity : new String[]{"1", "0.5", "999.99"}) {
            JsonNode after = advise(rules, facts, profile.formatted(capacity)).get("recommendations").get(0);
            assertThat(after.at("/details/score").asInt()).as(capacity).isEqualTo(40);
            assertThat(after.at("/details/tier").asText()).as(capacity).isEqualTo("TIER_2");
        }
    }

    @Test
    void the_stock_item_of_an_evaluation_is_the_exact_target_stock_and_follows_the_catalogue() throws IOException {
        FactBase facts = new FactBaseLoader().load(facts());
        // 59 days against the 60-day target (CONCENTRATED_SOURCING is the one aggravating factor).
        JsonNode rec = stockpile(advise(rules, facts, profile(0, 59)));
        assertThat(rec).isNotNull();
        JsonNode stock = rec.get("whatWouldChange").get(0);
        assertThat(stock.get("effect").asText()).isEqualTo("ENDS");
        assertThat(stock.get("target").asText()).isEqualTo("profile:/minerals/0/stockTonnes");
        assertThat(stock.get("threshold").doubleValue()).isEqualTo(60.0);
        assertThat(stock.get("from").doubleValue()).isEqualTo(59.0);
        assertThat(stock.get("to").doubleValue()).isEqualTo(60.0);
        assertThat(stock.get("text").asText()).contains("at least 60 t").contains("60-day target");
        // Exactly at the target there is nothing to stockpile.
        assertThat(stockpile(advise(rules, facts, profile(0, 60)))).isNull();

        // A domain expert's edit of policies.yaml moves the boundary with it.
        Path edited = Directories.copy(Path.of("rules"), temp.resolve("rules"));
        Path policies = edited.resolve("policies.yaml");
        String text = Files.readString(policies);
        assertThat(text).contains("base_target_days: 60 ");
        Files.writeString(policies, text.replace("base_target_days: 60 ", "base_target_days: 90 "));
        JsonNode moved = stockpile(advise(new RuleSetCompiler().compile(edited), facts, profile(0, 59)))
                .get("whatWouldChange").get(0);
        assertThat(moved.get("threshold").doubleValue()).isEqualTo(90.0);
        assertThat(moved.get("to").doubleValue()).isEqualTo(90.0);
    }

    @Test
    void a_reliance_of_exactly_ninety_percent_of_the_line_is_a_near_miss() throws IOException {
        FactBase facts = new FactBaseLoader().load(facts());
        // (365 - 200.75) / 365 = 0.45: 90 % of the 50 % line.
        JsonNode misses = advise(rules, facts, profile(200.75, 59)).get("nearMisses");
        List<String> factors = new java.util.ArrayList<>();
        misses.forEach(m -> factors.add(m.get("factor").asText() + " " + m.get("value").doubleValue()));
        assertThat(factors).contains("IMPORT_RELIANT 0.45");
        // The chokepoint share 0.5 is below 0.9 × 0.60 = 0.54: not near.
        assertThat(factors).noneMatch(f -> f.startsWith("GLOBAL_CHOKEPOINT"));
        JsonNode further = advise(rules, facts, profile(201, 59)).get("nearMisses");
        assertThat(further.toString()).doesNotContain("IMPORT_RELIANT");
    }
}
