package org.mineralsadvisor.shock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.FactBaseLoader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Reading shock scenarios and applying them to a small fact base written here. */
class ShockScenarioTest {
    @TempDir
    Path dir;
    FactBase facts;

    @BeforeEach
    void writeFactBase() throws IOException {
        write("countries.csv", "iso3,name", "CHN,China", "IND,India", "USA,United States", "IDN,Indonesia");
        write("minerals.csv", "id,name,group,defence_critical,semiconductor_input,price_usd_per_tonne,source,as_of",
                "gallium,Gallium,SEMICONDUCTOR,true,true,500000,USGS,2025",
                "nickel,Nickel,BATTERY,false,false,,USGS,2024-12-31");
        write("production.csv", "mineral,stage,country,share,source,as_of",
                "gallium,refining,CHN,0.98,USGS,2024",
                "nickel,mining,IDN,0.59,USGS,2024");
        write("export_controls.csv", "mineral,imposed_by,measure,in_force_from,in_force_until,applies_to,source,as_of",
                "# a comment the patch must keep",
                "gallium,CHN,LICENSING,2023-08-01,,ALL,\"MOFCOM No. 23, 2023\",2023-07-03",
                "gallium,CHN,BAN,2024-12-03,,USA,MOFCOM No. 46,2024-12",
                "nickel,IDN,BAN,2020-01-01,,ALL,MEMR,2019-09-02");
        write("coalitions.csv", "id,name,focus,source,as_of", "MSP,Minerals Security Partnership,minerals,State Dept,2022");
        write("coalition_members.csv", "coalition,country,joined,source,as_of", "MSP,USA,2022-06-14,State Dept,2022");
        write("corridors.csv", "id,country,name,region,resource_tonnes_reo,separation_capacity_tpa,port_distance_km,"
                        + "power_available,magnet_plant_linked,clearance,source,as_of",
                "C1,IND,Coast,Odisha,2000000,5000,40,true,false,PENDING,illustrative: assumed,2026");
        facts = new FactBaseLoader().load(dir);
    }

    private void write(String file, String... lines) throws IOException {
        Files.writeString(dir.resolve(file), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private String scenario(String... changes) {
        return String.join("\n", "name: test-shock", "title: A test shock", "description: For the tests.",
                "sources:", "  - nowhere", "factBase: " + facts.version(), "changes:") + "\n"
                + String.join("\n", changes) + "\n";
    }

    private ShockedFacts apply(String yaml) {
        return ShockedFacts.apply(ShockScenarioReader.read("scenarios/test-shock.yaml", yaml, "test-shock"), facts);
    }

    private List<ShockProblem> problems(String yaml) {
        return catchThrowableOfType(InvalidShockScenarioException.class, () -> apply(yaml)).problems();
    }

    private static String file(ShockedFacts shocked, String name) {
        return shocked.facts().sources().get(name);
    }

    @Test
    void reads_every_field_and_keeps_scalars_as_written() {
        ShockScenario s = ShockScenarioReader.read("x.yaml", scenario(
                "  - file: production.csv",
                "    change: {mineral: nickel, country: IDN}",
                "    set: {share: 0.50, as_of: 2026-02-04}"), "test-shock");
        assertThat(s.name()).isEqualTo("test-shock");
        assertThat(s.title()).isEqualTo("A test shock");
        assertThat(s.sources()).containsExactly("nowhere");
        assertThat(s.writtenFor()).isEqualTo(facts.version());
        ShockChange change = s.changes().get(0);
        assertThat(change.kind()).isEqualTo(ShockChange.Kind.CHANGE);
        assertThat(change.match()).containsExactly(Map.entry("mineral", "nickel"), Map.entry("country", "IDN"));
        // 0.50 stays 0.50: a YAML number read as a double would write 0.5.
        assertThat(change.values()).containsExactly(Map.entry("share", "0.50"), Map.entry("as_of", "2026-02-04"));
        assertThat(change.line()).isEqualTo(8);
    }

    @Test
    void add_appends_a_row_in_header_order_and_keeps_every_other_byte() {
        ShockedFacts shocked = apply(scenario(
                "  - file: export_controls.csv",
                "    add: {mineral: nickel, imposed_by: CHN, measure: 'BAN, total', in_force_from: 2026-03-01,",
                "          applies_to: ALL, source: 'hypothetical', as_of: 2026-03-01}"));
        String before = facts.sources().get("export_controls.csv");
        assertThat(file(shocked, "export_controls.csv"))
                .isEqualTo(before + "nickel,CHN,\"BAN, total\",2026-03-01,,ALL,hypothetical,2026-03-01\n");
        assertThat(shocked.facts().exportControls("nickel")).extracting(c -> c.imposedBy() + " " + c.measure())
                .containsExactly("IDN BAN", "CHN BAN, total");
        assertThat(shocked.facts().version()).isNotEqualTo(facts.version());
        // The other files are the base's own text.
        assertThat(file(shocked, "production.csv")).isEqualTo(facts.sources().get("production.csv"));
    }

    @Test
    void remove_drops_every_matching_row_and_nothing_else() {
        ShockedFacts shocked = apply(scenario(
                "  - file: export_controls.csv",
                "    remove: {mineral: gallium, imposed_by: CHN}"));
        assertThat(file(shocked, "export_controls.csv")).isEqualTo(String.join("\n",
                "mineral,imposed_by,measure,in_force_from,in_force_until,applies_to,source,as_of",
                "# a comment the patch must keep",
                "nickel,IDN,BAN,2020-01-01,,ALL,MEMR,2019-09-02") + "\n");
        assertThat(shocked.facts().exportControls("gallium")).isEmpty();
    }

    @Test
    void change_sets_cells_keeping_the_others_as_written() {
        ShockedFacts shocked = apply(scenario(
                "  - file: export_controls.csv",
                "    change: {mineral: gallium, measure: LICENSING}",
                "    set: {in_force_until: 2026-06-30}"));
        assertThat(file(shocked, "export_controls.csv")).contains(
                "\ngallium,CHN,LICENSING,2023-08-01,2026-06-30,ALL,\"MOFCOM No. 23, 2023\",2023-07-03\n");
        assertThat(shocked.facts().exportControls("gallium").get(0).inForceUntil()).hasToString("2026-06-30");
    }

    @Test
    void set_may_add_a_contract_column_the_header_lacks() {
        ShockedFacts shocked = apply(scenario(
                "  - file: coalition_members.csv",
                "    change: {coalition: MSP, country: USA}",
                "    set: {left: 2026-02-04}"));
        assertThat(file(shocked, "coalition_members.csv")).isEqualTo(
                "coalition,country,joined,source,as_of,left\nMSP,USA,2022-06-14,State Dept,2022,2026-02-04\n");
    }

    @Test
    void a_column_unknown_to_the_file_and_the_contract_is_refused_with_a_suggestion() {
        List<ShockProblem> problems = problems(scenario(
                "  - file: export_controls.csv",
                "    change: {mineral: gallium}",
                "    set: {in_force_untill: 2026-06-30}"));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("unknown_column");
            assertThat(p.line()).isEqualTo(8);
            assertThat(p.pointer()).isEqualTo("/changes/0");
            assertThat(p.message()).contains("in_force_untill").contains("did you mean 'in_force_until'");
        });
    }

    @Test
    void a_change_matching_no_row_is_an_error_at_its_line_and_the_others_are_reported_too() {
        List<ShockProblem> problems = problems(scenario(
                "  - file: export_controls.csv",
                "    remove: {mineral: gallium, imposed_by: USA}",
                "  - file: export_control.csv",
                "    remove: {mineral: gallium}"));
        assertThat(problems).extracting(ShockProblem::toString).containsExactly(
                "scenarios/test-shock.yaml:8:5: no_match: no row of export_controls.csv has mineral = 'gallium', "
                        + "imposed_by = 'USA'",
                "scenarios/test-shock.yaml:10:5: unknown_file: file 'export_control.csv' is not in the fact base; "
                        + "did you mean 'export_controls.csv'?");
    }

    @Test
    void changes_apply_in_order_so_a_later_one_sees_an_earlier_one() {
        ShockedFacts shocked = apply(scenario(
                "  - file: countries.csv",
                "    add: {iso3: KOR, name: Korea}",
                "  - file: coalition_members.csv",
                "    add: {coalition: MSP, country: KOR, joined: 2026-02-04, source: s, as_of: 2026}",
                "  - file: coalition_members.csv",
                "    change: {country: KOR}",
                "    set: {joined: 2026-02-05}"));
        assertThat(shocked.facts().members()).extracting(m -> m.country() + " " + m.joined())
                .containsExactly("USA 2022-06-14", "KOR 2026-02-05");
    }

    @Test
    void the_loader_checks_the_patched_fact_base_and_problems_point_at_the_change() {
        List<ShockProblem> problems = problems(scenario(
                "  - file: production.csv",
                "    change: {mineral: gallium}",
                "    set: {share: 1.5}",
                "  - file: countries.csv",
                "    remove: {iso3: IDN}"));
        assertThat(problems).extracting(ShockProblem::code).containsExactlyInAnyOrder("out_of_range",
                "unknown_country", "unknown_country");
        ShockProblem share = problems.stream().filter(p -> p.code().equals("out_of_range")).findFirst().orElseThrow();
        assertThat(share.line()).isEqualTo(8);
        assertThat(share.message()).contains("production.csv:2:4").contains("share 1.5 is outside [0, 1]");
        // A row the scenario did not write, broken by a removal: reported against the scenario as a whole.
        assertThat(problems).filteredOn(p -> p.code().equals("unknown_country"))
                .allSatisfy(p -> assertThat(p.message()).startsWith("after the scenario's changes").contains("'IDN'"));
    }

    @Test
    void bad_yaml_is_reported_at_its_line_and_column() {
        InvalidShockScenarioException e = catchThrowableOfType(InvalidShockScenarioException.class,
                () -> ShockScenarioReader.read("s.yaml", "name: x\ntitle: [unclosed\nchanges: []\n", null));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("malformed_yaml");
            assertThat(p.line()).isGreaterThanOrEqualTo(2);
        });
    }

    @Test
    void structural_problems_are_all_reported_with_their_places() {
        String yaml = String.join("\n",
                "name: Other Name",
                "titel: typo",
                "factBase: sha256:abc",
                "changes:",
                "  - file: production.csv",
                "    add: {mineral: gallium}",
                "    remove: {mineral: gallium}",
                "  - file: production.csv",
                "    change: {mineral: gallium}",
                "  - file: production.csv",
                "    remove: {mineral: [a, b]}",
                "  - file: production.csv",
                "    remove: {mineral: gallium}",
                "    remove: {mineral: nickel}") + "\n";
        List<ShockProblem> problems = catchThrowableOfType(InvalidShockScenarioException.class,
                () -> ShockScenarioReader.read("s.yaml", yaml, "test-shock")).problems();
        Map<String, String> byPlace = new LinkedHashMap<>();
        problems.forEach(p -> byPlace.put(p.line() + " " + p.code(), p.message()));
        assertThat(byPlace).containsKeys("1 invalid_value", "2 unknown_key", "3 invalid_value", "5 invalid_value",
                "8 missing_value", "11 invalid_value", "14 duplicate_key");
        assertThat(byPlace.get("2 unknown_key")).contains("did you mean 'title'");
    }

    @Test
    void the_stored_fact_base_is_never_changed() throws IOException {
        Map<String, String> before = Map.copyOf(facts.sources());
        String disk = Files.readString(dir.resolve("export_controls.csv"));
        ShockedFacts shocked = apply(scenario("  - file: export_controls.csv", "    remove: {mineral: nickel}"));
        assertThat(shocked.facts().exportControls("nickel")).isEmpty();
        assertThat(facts.sources()).isEqualTo(before);
        assertThat(facts.exportControls("nickel")).hasSize(1);
        assertThat(Files.readString(dir.resolve("export_controls.csv"))).isEqualTo(disk);
        assertThat(new FactBaseLoader().load(dir).version()).isEqualTo(facts.version());
    }

    @Test
    void a_scenario_written_for_another_version_applies_and_says_so() {
        String yaml = scenario("  - file: export_controls.csv", "    remove: {mineral: nickel}")
                .replace(facts.version(), "sha256:" + "0".repeat(64));
        ShockedFacts shocked = apply(yaml);
        assertThat(shocked.writtenForAnother()).isTrue();
        assertThat(shocked.note()).contains("sha256:" + "0".repeat(64)).contains(facts.version());
        assertThat(apply(scenario("  - file: export_controls.csv", "    remove: {mineral: nickel}")).note()).isNull();
    }
}
