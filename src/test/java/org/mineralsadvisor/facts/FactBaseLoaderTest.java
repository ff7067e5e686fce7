package org.mineralsadvisor.facts;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Each test breaks one thing in a small, valid fact base and checks the located report. */
class FactBaseLoaderTest {
    @TempDir
    Path dir;

    @BeforeEach
    void writeValidFactBase() throws IOException {
        write("countries.csv", "iso3,name", "CHN,China", "IND,India", "USA,United States");
        write("minerals.csv", "id,name,group,defence_critical,semiconductor_input,price_usd_per_tonne,source,as_of",
                "gallium,Gallium,SEMICONDUCTOR,true,true,500000,USGS,2025",
                "graphite,Graphite,BATTERY,false,false,,USGS,2024-12-31");
        write("production.csv", "mineral,stage,country,share,source,as_of",
                "gallium,refining,CHN,0.98,USGS,2024",
                "gallium,refining,USA,0.01,USGS,2024",
                "graphite,mining,CHN,0.78,USGS,2024");
        write("export_controls.csv", "mineral,imposed_by,measure,in_force_from,in_force_until,applies_to,source,as_of",
                "gallium,CHN,LICENSING,2023-08-01,,ALL,MOFCOM,2023-07-03",
                "graphite,CHN,BAN,2024-12-03,2025-11-09,USA;IND,MOFCOM,2024-12");
        write("coalitions.csv", "id,name,focus,source,as_of", "MSP,Minerals Security Partnership,minerals,State Dept,2022");
        write("coalition_members.csv", "coalition,country,joined,source,as_of", "MSP,USA,2022-06-14,State Dept,2022");
        write("corridors.csv", "id,country,name,region,resource_tonnes_reo,separation_capacity_tpa,port_distance_km,"
                        + "power_available,magnet_plant_linked,clearance,source,as_of",
                "C1,IND,Coast,Odisha,2000000,5000,40,true,false,PENDING,illustrative: assumed,2026");
    }

    private void write(String file, String... lines) throws IOException {
        Files.writeString(dir.resolve(file), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private List<FactProblem> problems() {
        return catchThrowableOfType(InvalidFactBaseException.class, () -> new FactBaseLoader().load(dir)).problems();
    }

    @Test
    void loads_a_valid_fact_base_with_every_row_located() {
        FactBase facts = new FactBaseLoader().load(dir);
        assertThat(facts.minerals()).containsKeys("gallium", "graphite");
        assertThat(facts.minerals().get("graphite").priceUsdPerTonne()).isNull();
        assertThat(facts.production("gallium")).hasSize(2);
        Production second = facts.production("gallium").get(1);
        assertThat(second.ref().file()).isEqualTo("production.csv");
        assertThat(second.ref().line()).isEqualTo(3);
        assertThat(second.ref().source()).isEqualTo("USGS");
        assertThat(facts.exportControls("graphite").get(0).appliesTo()).containsExactlyInAnyOrder("USA", "IND");
        assertThat(facts.exportControls("gallium").get(0).appliesToAll()).isTrue();
    }

    @Test
    void version_is_sha256_of_the_csv_contents_sorted_by_file_name() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String file : List.of("coalition_members.csv", "coalitions.csv", "corridors.csv", "countries.csv",
                "export_controls.csv", "minerals.csv", "production.csv")) {
            sha.update(Files.readAllBytes(dir.resolve(file)));
        }
        assertThat(new FactBaseLoader().load(dir).version()).isEqualTo("sha256:" + HexFormat.of().formatHex(sha.digest()));
    }

    @Test
    void version_changes_when_a_file_changes() throws IOException {
        String before = new FactBaseLoader().load(dir).version();
        write("coalitions.csv", "id,name,focus,source,as_of", "MSP,Minerals Security Partnership,minerals!,State Dept,2022");
        assertThat(new FactBaseLoader().load(dir).version()).isNotEqualTo(before);
    }

    @Test
    void rejects_unknown_country_with_file_line_and_column() throws IOException {
        write("production.csv", "mineral,stage,country,share,source,as_of", "gallium,refining,XXY,0.5,USGS,2024");
        assertThat(problems()).extracting(FactProblem::toString)
                .containsExactly("production.csv:2:3: unknown_country: country 'XXY' in column country is not in countries.csv");
    }

    @Test
    void rejects_unknown_mineral() throws IOException {
        write("export_controls.csv", "mineral,imposed_by,measure,in_force_from,in_force_until,applies_to,source,as_of",
                "galium,CHN,LICENSING,2023-08-01,,ALL,MOFCOM,2023");
        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("unknown_mineral");
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isEqualTo(1);
        });
    }

    @Test
    void rejects_share_above_one() throws IOException {
        write("production.csv", "mineral,stage,country,share,source,as_of", "gallium,refining,CHN,1.2,USGS,2024");
        assertThat(problems()).extracting(FactProblem::code).containsExactly("out_of_range");
    }

    @Test
    void accepts_shares_of_one_mineral_and_stage_summing_to_one_within_the_slack() throws IOException {
        write("production.csv", "mineral,stage,country,share,source,as_of",
                "gallium,refining,CHN,0.9,USGS,2024", "gallium,refining,USA,0.1005,USGS,2024",
                "gallium,mining,USA,0.9,USGS,2024");
        assertThat(new FactBaseLoader().load(dir).production("gallium")).hasSize(3);
    }

    @Test
    void reports_the_row_that_pushes_a_share_sum_over_the_limit() throws IOException {
        write("production.csv", "mineral,stage,country,share,source,as_of",
                "gallium,refining,CHN,0.9,USGS,2024", "gallium,refining,USA,0.2,USGS,2024");
        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("share_sum");
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.columnName()).isEqualTo("share");
        });
    }

    @Test
    void rejects_malformed_number_date_and_boolean() throws IOException {
        write("minerals.csv", "id,name,group,defence_critical,semiconductor_input,price_usd_per_tonne,source,as_of",
                "gallium,Gallium,SEMICONDUCTOR,yes,true,cheap,USGS,2025",
                "graphite,Graphite,BATTERY,false,false,,USGS,31/12/2024");
        assertThat(problems()).extracting(FactProblem::toString).containsExactly(
                "minerals.csv:2:4: malformed_boolean: defence_critical 'yes' is not true or false",
                "minerals.csv:2:6: malformed_number: price_usd_per_tonne 'cheap' is not a number",
                "minerals.csv:3:8: malformed_date: as_of '31/12/2024' is not a year, year-month or date (YYYY, YYYY-MM or YYYY-MM-DD)");
    }

    @Test
    void rejects_duplicate_keys() throws IOException {
        write("coalition_members.csv", "coalition,country,joined,source,as_of",
                "MSP,USA,2022-06-14,State Dept,2022", "MSP,USA,2023-01-01,State Dept,2023");
        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("duplicate_key");
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("line 2");
        });
    }

    @Test
    void rejects_a_row_without_source_or_as_of() throws IOException {
        write("coalitions.csv", "id,name,focus,source,as_of", "MSP,Minerals Security Partnership,minerals,,");
        assertThat(problems()).extracting(FactProblem::toString).containsExactly(
                "coalitions.csv:2:4: missing_value: column source is empty",
                "coalitions.csv:2:5: missing_value: column as_of is empty");
    }

    @Test
    void rejects_a_missing_file_and_a_missing_column() throws IOException {
        Files.delete(dir.resolve("corridors.csv"));
        write("coalitions.csv", "id,name,source,as_of", "MSP,Minerals Security Partnership,State Dept,2022");
        // coalitions.csv is unusable without its header, so its ids are unknown to coalition_members.csv too.
        assertThat(problems()).extracting(FactProblem::code)
                .containsExactlyInAnyOrder("missing_file", "missing_column", "unknown_coalition");
    }

    @Test
    void reports_every_problem_of_every_file_at_once_in_file_and_line_order() throws IOException {
        write("production.csv", "mineral,stage,country,share,source,as_of",
                "gallium,smelting,CHN,0.5,USGS,2024", "gallium,refining,CHN,-0.1,USGS,2024");
        write("corridors.csv", "id,country,name,region,resource_tonnes_reo,separation_capacity_tpa,port_distance_km,"
                        + "power_available,magnet_plant_linked,clearance,source,as_of",
                "C1,IND,Coast,Odisha,lots,5000,40,true,false,MAYBE,illustrative,2026");
        assertThat(problems()).extracting(p -> p.file() + ":" + p.line() + ":" + p.code()).containsExactly(
                "corridors.csv:2:malformed_number", "corridors.csv:2:invalid_value",
                "production.csv:2:invalid_value", "production.csv:3:out_of_range");
    }

    @Test
    void counts_lines_of_quoted_multi_line_cells_and_skips_comments() throws IOException {
        write("coalitions.csv", "# the coalitions", "id,name,focus,source,as_of",
                "MSP,\"Minerals Security\nPartnership\",minerals,State Dept,2022", "# a comment", "QUAD,Quad,x,,2007");
        assertThat(problems()).extracting(FactProblem::toString)
                .containsExactly("coalitions.csv:6:4: missing_value: column source is empty");
    }

    @Test
    void rejects_export_control_ending_before_it_starts() throws IOException {
        write("export_controls.csv", "mineral,imposed_by,measure,in_force_from,in_force_until,applies_to,source,as_of",
                "gallium,CHN,LICENSING,2023-08-01,2023-07-01,ALL,MOFCOM,2023");
        assertThat(problems()).extracting(FactProblem::code).containsExactly("out_of_range");
    }

    @Test
    void the_shipped_fact_base_loads() {
        FactBase facts = new FactBaseLoader().load(Path.of("facts"));
        assertThat(facts.coalitions()).containsKeys("PAX_SILICA", "MSP");
        assertThat(facts.version()).startsWith("sha256:").hasSize(71);
    }

    @Test
    void a_missing_directory_is_one_clear_problem() {
        assertThatThrownBy(() -> new FactBaseLoader().load(dir.resolve("nope")))
                .isInstanceOf(InvalidFactBaseException.class).hasMessageContaining("not found")
                .hasMessageContaining(dir.resolve("nope").toAbsolutePath() + " does not exist");
    }
}
