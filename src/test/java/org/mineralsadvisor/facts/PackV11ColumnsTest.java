package org.mineralsadvisor.facts;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The optional columns of pack v1.1 (data contract, handbook section 8): read, and checked like the required ones. */
class PackV11ColumnsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void writeValidFactBase() throws IOException {
        write("countries.csv", "iso3,name,part_of,source,as_of", "CHN,China,,ISO,2026", "DEU,Germany,EUU,ISO,2026",
                "EUU,European Union,,ISO,2026", "FRA,France,EUU,ISO,2026", "USA,United States,,ISO,2026");
        write("minerals.csv", "id,name,group,defence_critical,semiconductor_input,price_usd_per_tonne,source,as_of",
                "gallium,Gallium,SEMICONDUCTOR,true,true,,USGS,2025",
                "ndfeb_magnets,NdFeB magnets,MAGNET,true,false,,report,2025");
        write("production.csv", "mineral,stage,country,share,source,as_of", "gallium,refining,CHN,0.98,USGS,2024",
                "ndfeb_magnets,manufacturing,CHN,0.90,report,2017");
        write("export_controls.csv", "mineral,imposed_by,measure,in_force_from,in_force_until,applies_to,"
                        + "suspended_from,suspended_until,source,as_of",
                "gallium,CHN,BAN,2024-12-03,,USA,2025-11-09,2026-11-27,MOFCOM,2025-11-09",
                "gallium,CHN,LICENSING,2023-08-01,,ALL,,,MOFCOM,2023-07-03");
        write("coalitions.csv", "id,name,founded,focus,ended,succeeded_by,source,as_of",
                "MSP,Minerals Security Partnership,2022-06-14,minerals,2026-02-04,FORGE,State Dept,2026",
                "FORGE,Forum on Resource Geostrategic Engagement,2026-02-04,minerals,,,State Dept,2026",
                "G7,Group of Seven,1975,forum,,,Wikipedia,2026");
        write("coalition_members.csv", "coalition,country,joined,left,source,as_of",
                "MSP,USA,2022-06-14,,State Dept,2022", "MSP,EUU,2022-06-14,,State Dept,2022",
                "G7,FRA,1975-11-15,2020-01-01,Wikipedia,2026", "G7,FRA,2021-01-01,,Wikipedia,2026");
        write("corridors.csv", "id,country,name,region,resource_tonnes_reo,separation_capacity_tpa,port_distance_km,"
                + "power_available,magnet_plant_linked,clearance,source,as_of");
    }

    private void write(String file, String... lines) throws IOException {
        Files.writeString(dir.resolve(file), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private List<String> problems() {
        return catchThrowableOfType(InvalidFactBaseException.class, () -> new FactBaseLoader().load(dir)).problems()
                .stream().map(FactProblem::toString).toList();
    }

    @Test
    void reads_every_optional_column() {
        FactBase facts = new FactBaseLoader().load(dir);
        assertThat(facts.countries().get("DEU").partOf()).containsExactly("EUU");
        assertThat(facts.countries().get("USA").partOf()).isEmpty();
        Coalition msp = facts.coalitions().get("MSP");
        assertThat(msp.founded()).isEqualTo("2022-06-14");
        assertThat(msp.foundedOn()).isEqualTo(LocalDate.of(2022, 6, 14));
        assertThat(msp.ended()).isEqualTo(LocalDate.of(2026, 2, 4));
        assertThat(msp.succeededBy()).isEqualTo("FORGE");
        assertThat(facts.coalitions().get("G7").foundedOn()).as("a year counts as 1 January").isEqualTo(LocalDate.of(1975, 1, 1));
        assertThat(msp.existsOn(LocalDate.of(2026, 2, 3))).isTrue();
        assertThat(msp.existsOn(LocalDate.of(2026, 2, 4))).as("ended is exclusive").isFalse();
        assertThat(facts.coalitions().get("FORGE").existsOn(LocalDate.of(2026, 2, 3))).isFalse();
        assertThat(facts.coalitions().get("FORGE").existsOn(LocalDate.of(2026, 2, 4))).isTrue();

        CoalitionMember left = facts.members().get(2);
        assertThat(left.left()).isEqualTo(LocalDate.of(2020, 1, 1));
        assertThat(left.memberOn(LocalDate.of(2019, 12, 31))).isTrue();
        assertThat(left.memberOn(LocalDate.of(2020, 1, 1))).as("left is exclusive").isFalse();

        ExportControl suspended = facts.exportControls("gallium").get(0);
        assertThat(suspended.inForceOn(LocalDate.of(2025, 11, 8))).isTrue();
        assertThat(suspended.inForceOn(LocalDate.of(2025, 11, 9))).isFalse();
        assertThat(suspended.inForceOn(LocalDate.of(2026, 11, 27))).isFalse();
        assertThat(suspended.inForceOn(LocalDate.of(2026, 11, 28))).isTrue();
        assertThat(suspended.binds("EUU", LocalDate.of(2027, 1, 1))).isFalse();
        assertThat(facts.production("ndfeb_magnets").get(0).stage()).isEqualTo(Stage.MANUFACTURING);
    }

    @Test
    void a_fact_base_without_the_columns_still_loads_with_no_values() throws IOException {
        write("countries.csv", "iso3,name,source,as_of", "CHN,China,ISO,2026", "DEU,Germany,ISO,2026",
                "EUU,European Union,ISO,2026", "FRA,France,ISO,2026", "USA,United States,ISO,2026");
        write("export_controls.csv", "mineral,imposed_by,measure,in_force_from,in_force_until,applies_to,source,as_of",
                "gallium,CHN,LICENSING,2023-08-01,,ALL,MOFCOM,2023-07-03");
        write("coalitions.csv", "id,name,focus,source,as_of", "MSP,Minerals Security Partnership,minerals,State Dept,2022",
                "G7,Group of Seven,forum,Wikipedia,2026");
        write("coalition_members.csv", "coalition,country,joined,source,as_of", "MSP,USA,2022-06-14,State Dept,2022");
        FactBase facts = new FactBaseLoader().load(dir);
        assertThat(facts.countries().get("DEU").partOf()).isEmpty();
        assertThat(facts.coalitions().get("MSP").founded()).isNull();
        assertThat(facts.coalitions().get("MSP").existsOn(LocalDate.of(1900, 1, 1))).isTrue();
        assertThat(facts.members().get(0).left()).isNull();
        assertThat(facts.exportControls("gallium").get(0).suspendedFrom()).isNull();
    }

    @Test
    void rejects_nested_blocs_unknown_blocs_and_self_membership() throws IOException {
        write("countries.csv", "iso3,name,part_of,source,as_of", "CHN,China,,ISO,2026", "DEU,Germany,EUU,ISO,2026",
                "EUU,European Union,WLD,ISO,2026", "FRA,France,FRA,ISO,2026", "USA,United States,EUU;;,ISO,2026",
                "WLD,World,,ISO,2026");
        assertThat(problems()).containsExactly(
                "countries.csv:4:3: nested_bloc: EUU is a bloc (named in part_of of DEU) and cannot itself be part_of WLD: blocs do not nest",
                "countries.csv:5:3: invalid_value: country FRA names itself in part_of",
                "countries.csv:6:3: invalid_value: part_of 'EUU;;' has an empty entry");
    }

    @Test
    void rejects_a_bloc_that_is_not_a_country_row() throws IOException {
        write("countries.csv", "iso3,name,part_of,source,as_of", "CHN,China,,ISO,2026", "DEU,Germany,EUX,ISO,2026",
                "EUU,European Union,,ISO,2026", "FRA,France,,ISO,2026", "USA,United States,,ISO,2026");
        assertThat(problems()).containsExactly(
                "countries.csv:3:3: unknown_country: country 'EUX' in column part_of is not in countries.csv");
    }

    @Test
    void rejects_bad_coalition_dates_and_successors() throws IOException {
        write("coalitions.csv", "id,name,founded,focus,ended,succeeded_by,source,as_of",
                "MSP,Minerals Security Partnership,2022-06,minerals,2026-02-31,FORGE,State Dept,2026",
                "FORGE,Forum,2026-02-04,minerals,2026-02-04,FORGE,State Dept,2026",
                "G7,Group of Seven,1975,forum,,G8,Wikipedia,2026");
        assertThat(problems()).containsExactly(
                "coalitions.csv:2:3: malformed_date: founded '2022-06' is not a date (YYYY-MM-DD) or a year (YYYY)",
                "coalitions.csv:2:5: malformed_date: ended '2026-02-31' is not a date (YYYY-MM-DD)",
                "coalitions.csv:3:5: out_of_range: ended 2026-02-04 is not after founded 2026-02-04",
                "coalitions.csv:3:6: invalid_value: coalition FORGE cannot succeed itself",
                "coalitions.csv:4:6: unknown_coalition: coalition 'G8' in column succeeded_by is not in coalitions.csv");
    }

    @Test
    void rejects_a_left_date_not_after_joined_and_overlapping_memberships() throws IOException {
        write("coalition_members.csv", "coalition,country,joined,left,source,as_of",
                "MSP,USA,2022-06-14,2022-06-14,State Dept,2022", "G7,FRA,1975-11-15,2020-01-01,Wikipedia,2026",
                "G7,FRA,2019-06-01,,Wikipedia,2026", "G7,USA,1975-11-15,someday,Wikipedia,2026");
        assertThat(problems()).containsExactly(
                "coalition_members.csv:2:4: out_of_range: left 2022-06-14 is not after joined 2022-06-14",
                "coalition_members.csv:4:2: duplicate_key: membership of FRA in G7 overlaps the one already defined on line 3",
                "coalition_members.csv:5:4: malformed_date: left 'someday' is not a date (YYYY-MM-DD)");
    }

    @Test
    void rejects_a_suspension_given_by_half_or_outside_the_controls_validity() throws IOException {
        write("export_controls.csv", "mineral,imposed_by,measure,in_force_from,in_force_until,applies_to,"
                        + "suspended_from,suspended_until,source,as_of",
                "gallium,CHN,BAN,2024-12-03,,USA,2025-11-09,,MOFCOM,2025-11-09",
                "gallium,CHN,LICENSING,2023-08-01,2025-12-31,ALL,2023-07-01,2026-01-31,MOFCOM,2023-07-03",
                "gallium,CHN,QUOTA,2023-08-01,,ALL,2025-02-01,2025-01-01,MOFCOM,2023-07-03");
        assertThat(problems()).containsExactly(
                "export_controls.csv:2:8: missing_value: suspended_from and suspended_until go together: suspended_from is given but suspended_until is empty",
                "export_controls.csv:3:7: out_of_range: suspended_from 2023-07-01 is before in_force_from 2023-08-01: a suspension lies within the control's validity",
                "export_controls.csv:3:8: out_of_range: suspended_until 2026-01-31 is after in_force_until 2025-12-31: a suspension lies within the control's validity",
                "export_controls.csv:4:8: out_of_range: suspended_until 2025-01-01 is before suspended_from 2025-02-01");
    }

    @Test
    void rejects_a_manufacturing_row_for_an_item_with_mining_or_refining_rows_and_unknown_stages() throws IOException {
        write("production.csv", "mineral,stage,country,share,source,as_of", "gallium,refining,CHN,0.98,USGS,2024",
                "gallium,manufacturing,CHN,0.50,report,2024", "ndfeb_magnets,assembly,CHN,0.90,report,2017");
        assertThat(problems()).containsExactly(
                "production.csv:3:2: invalid_value: a manufacturing row is for a product with no mining or refining rows, but gallium has one on line 2",
                "production.csv:4:2: invalid_value: stage 'assembly' is not mining, refining or manufacturing");
    }

    @Test
    void manufacturing_shares_of_one_product_may_not_sum_above_one() throws IOException {
        write("production.csv", "mineral,stage,country,share,source,as_of",
                "ndfeb_magnets,manufacturing,CHN,0.90,report,2017", "ndfeb_magnets,manufacturing,USA,0.2,report,2017");
        assertThat(problems()).singleElement().asString().startsWith("production.csv:3:4: share_sum:");
        assertThat(Set.of(Stage.values())).contains(Stage.MANUFACTURING);
    }
}
