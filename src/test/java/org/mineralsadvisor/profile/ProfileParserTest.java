package org.mineralsadvisor.profile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.FactBaseLoader;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ProfileParserTest {
    private static ProfileParser parser;

    @BeforeAll
    static void load() {
        FactBase facts = new FactBaseLoader().load(Path.of("facts"));
        parser = new ProfileParser(facts);
    }

    private static List<ProfileProblem> problems(String json) {
        return catchThrowableOfType(InvalidProfileException.class, () -> parser.parse(json.replace('\'', '"'))).problems();
    }

    private static List<String> pointersAndCodes(String json) {
        return problems(json).stream().map(p -> p.pointer() + " " + p.code()).toList();
    }

    @Test
    void applies_the_contract_defaults() {
        CountryProfile p = parser.parse("{\"country\":\"IND\",\"asOf\":\"2026-02-04\",\"minerals\":[{\"mineral\":\"gallium\",\"annualDemandTonnes\":10}]}");
        assertThat(p.memberships()).isEmpty();
        assertThat(p.capabilities().exportControlRegime()).isEqualTo("NONE");
        assertThat(p.capabilities().chipDesign()).isFalse();
        assertThat(p.stockpileBudgetUsd()).isNull();
        assertThat(p.minerals().get(0).stockTonnes()).isZero();
        assertThat(p.minerals().get(0).imports()).isEmpty();
        assertThat(p.corridors()).isEmpty();
    }

    @Test
    void rejects_malformed_json_with_line_and_column() {
        assertThat(problems("{'country': ")).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("malformed_json");
            assertThat(p.pointer()).isEmpty();
            assertThat(p.message()).contains("line 1").doesNotContain("REDACTED");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"a\": x}           | not valid JSON at line 1, column 7: unexpected text 'x' where a value was expected",
            "{\"a\": 1,}          | not valid JSON at line 1, column 9: unexpected '}' where a field name in double quotes was expected",
            "{'a': 1}             | not valid JSON at line 1, column 2: unexpected ''' where a field name in double quotes was expected",
            "{\"a\": 1 \"b\": 2}  | not valid JSON at line 1, column 9: unexpected '\"' where a comma or a closing bracket was expected",
            "{\"a\": 1, \"a\": 2} | not valid JSON at line 1, column 13: field 'a' is given twice",
            "{\"a\": 1} x         | not valid JSON at line 1, column 10: unexpected text 'x' where a value was expected",
            "{\"a\": 1} {}        | not valid JSON at line 1, column 10: more text after the JSON value",
            "{\"a\": \"b          | not valid JSON at line 1, column 9: the body ends before the JSON value is complete",
    })
    void malformed_json_says_what_and_where_in_plain_words(String body, String expected) {
        assertThat(catchThrowableOfType(InvalidProfileException.class, () -> parser.parse(body.strip())).problems())
                .singleElement().satisfies(p -> {
                    assertThat(p.code()).isEqualTo("malformed_json");
                    assertThat(p.message()).startsWith(expected).doesNotContain("code ").doesNotContain("Source")
                            .doesNotContain("REDACTED").doesNotContain("JSON String");
                });
    }

    @Test
    void nesting_beyond_the_parser_limit_says_where() {
        String body = "{\"minerals\":\n" + "[".repeat(1200) + "]".repeat(1200) + "}";
        assertThat(catchThrowableOfType(InvalidProfileException.class, () -> parser.parse(body)).problems())
                .singleElement().extracting(ProfileProblem::message).asString()
                .startsWith("not valid JSON at line 2, column ")
                .endsWith(": arrays and objects are nested more than 1000 levels deep");
    }

    @Test
    void a_number_beyond_a_double_is_out_of_range_against_its_bound_not_non_finite() {
        String digits = "9".repeat(400);
        for (String number : List.of(digits, "1e400", digits + ".5")) {
            assertThat(problems("{'country':'IND','asOf':'2026-02-04','minerals':[{'mineral':'gallium','annualDemandTonnes':"
                    + number + "}]}")).singleElement().satisfies(p -> {
                        assertThat(p.pointer()).isEqualTo("/minerals/0/annualDemandTonnes");
                        assertThat(p.code()).isEqualTo("out_of_range");
                        assertThat(p.message()).startsWith("annualDemandTonnes must be ≤ 10,000,000,000")
                                .endsWith("; got 1e400").doesNotContain("finite");
                    });
        }
        // NaN and Infinity themselves are still no numbers.
        assertThat(problems("{'country':'IND','asOf':'2026-02-04','minerals':[{'mineral':'gallium','annualDemandTonnes':Infinity}]}"))
                .singleElement().extracting(ProfileProblem::message).asString().contains("must be a finite number");
    }

    @Test
    void numbers_in_messages_are_grouped_digits_never_java_exponents() {
        assertThat(problems("{'country':'IND','asOf':'2026-02-04','stockpileBudgetUsd':1e15,'minerals':[]}"))
                .singleElement().extracting(ProfileProblem::message).asString()
                .isEqualTo("stockpileBudgetUsd must be ≤ 100,000,000,000,000 (the plausibility bound in the API's "
                        + "Profile schema); got 1,000,000,000,000,000");
        assertThat(problems("{'country':'IND','asOf':'2026-02-04','stockpileBudgetUsd':-2500.5,'minerals':[]}"))
                .singleElement().extracting(ProfileProblem::message).asString()
                .isEqualTo("stockpileBudgetUsd must be ≥ 0; got -2,500.5");
    }

    @Test
    void rejects_missing_required_fields() {
        assertThat(pointersAndCodes("{}")).containsExactly("/country required", "/asOf required", "/minerals required");
    }

    @Test
    void rejects_unknown_fields_at_every_level() {
        assertThat(pointersAndCodes("{'country':'IND','asOf':'2026-02-04','colour':1,'capabilities':{'chipDesing':true},"
                + "'minerals':[{'mineral':'gallium','annualDemandTonnes':1,'imports':[{'from':'CHN','tonnes':1,'via':'SGP'}]}]}"))
                .containsExactly("/colour unknown_field", "/capabilities/chipDesing unknown_field",
                        "/minerals/0/imports/0/via unknown_field");
        assertThat(problems("{'country':'IND','asOf':'2026-02-04','minerals':[],'capabilities':{'chipDesing':true}}").get(0).suggestion())
                .isEqualTo("chipDesign");
    }

    @Test
    void rejects_wrong_types() {
        assertThat(pointersAndCodes("{'country':5,'asOf':'2026-02-04','minerals':{},'memberships':'MSP','stockpileBudgetUsd':'lots'}"))
                .containsExactly("/country wrong_type", "/memberships wrong_type", "/stockpileBudgetUsd wrong_type", "/minerals wrong_type");
    }

    @Test
    void suggests_the_closest_known_country_mineral_and_coalition() {
        List<ProfileProblem> found = problems("{'country':'INDD','asOf':'2026-02-04','memberships':['PAX_SILLICA'],"
                + "'minerals':[{'mineral':'galium','annualDemandTonnes':1}]}");
        assertThat(found).extracting(ProfileProblem::pointer, ProfileProblem::code, ProfileProblem::suggestion).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/country", "unknown_country", "IND"),
                org.assertj.core.groups.Tuple.tuple("/memberships/0", "unknown_coalition", "PAX_SILICA"),
                org.assertj.core.groups.Tuple.tuple("/minerals/0/mineral", "unknown_mineral", "gallium"));
    }

    @Test
    void rejects_demand_of_zero_and_negative_quantities() {
        assertThat(pointersAndCodes("{'country':'IND','asOf':'2026-02-04','stockpileBudgetUsd':-1,'minerals':["
                + "{'mineral':'gallium','annualDemandTonnes':0,'domesticProductionTonnes':-1,'stockTonnes':-2,"
                + "'imports':[{'from':'CHN','tonnes':-3}]}],"
                + "'corridors':[{'id':'C','resourceTonnesReo':-1,'separationCapacityTpa':0,'portDistanceKm':-5,"
                + "'powerAvailable':true,'magnetPlantLinked':false,'clearance':'GRANTED'}]}"))
                .containsExactly("/stockpileBudgetUsd out_of_range", "/minerals/0/annualDemandTonnes out_of_range",
                        "/minerals/0/domesticProductionTonnes out_of_range", "/minerals/0/stockTonnes out_of_range",
                        "/minerals/0/imports/0/tonnes out_of_range", "/corridors/0/resourceTonnesReo out_of_range",
                        "/corridors/0/portDistanceKm out_of_range");
    }

    @ParameterizedTest(name = "corridor id \"{0}\" is blank")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", " ", "\\t"})
    void rejects_a_blank_corridor_id_as_required(String id) {
        List<ProfileProblem> found = problems("{'country':'IND','asOf':'2026-02-04','minerals':[],"
                + "'corridors':[{'id':'" + id + "','resourceTonnesReo':1,'separationCapacityTpa':0,'portDistanceKm':5,"
                + "'powerAvailable':true,'magnetPlantLinked':false,'clearance':'GRANTED'}]}");
        assertThat(found).extracting(ProfileProblem::pointer, ProfileProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/corridors/0/id", "required"));
        assertThat(found.get(0).message()).contains("must not be blank");
    }

    @ParameterizedTest(name = "import from {0} -> suggestion {1}")
    @CsvSource(nullValues = "none", value = {"CNH, CHN", "Germany, DEU", "XYZ, none", "chile, CHL"})
    void suggests_a_source_country_only_when_one_is_clearly_meant(String given, String expected) {
        ProfileProblem problem = problems("{'country':'IND','asOf':'2026-02-04','minerals':[{'mineral':'gallium',"
                + "'annualDemandTonnes':1,'imports':[{'from':'" + given + "','tonnes':1}]}]}").get(0);
        assertThat(problem.pointer()).isEqualTo("/minerals/0/imports/0/from");
        assertThat(problem.code()).isEqualTo("unknown_country");
        assertThat(problem.suggestion()).isEqualTo(expected);
        if (expected == null) {
            assertThat(problem.message()).doesNotContain("did you mean");
        } else {
            assertThat(problem.message()).contains("did you mean '" + expected + "' (");
        }
    }

    @Test
    void names_the_suggested_country_so_that_the_officer_can_check_it() {
        assertThat(problems("{'country':'Germany','asOf':'2026-02-04','minerals':[]}")).singleElement()
                .satisfies(p -> assertThat(p.message())
                        .isEqualTo("country 'Germany' is not in the fact base; did you mean 'DEU' (Germany)?"));
    }

    @Test
    void rejects_implausibly_large_numbers_at_their_path() {
        assertThat(problems("{'country':'IND','asOf':'2026-02-04','stockpileBudgetUsd':1e300,'minerals':["
                + "{'mineral':'gallium','annualDemandTonnes':1e300,'domesticProductionTonnes':1e11,'stockTonnes':10000000001,"
                + "'imports':[{'from':'CHN','tonnes':1e300}]}],"
                + "'corridors':[{'id':'C','resourceTonnesReo':1e300,'separationCapacityTpa':1e300,'portDistanceKm':40001,"
                + "'powerAvailable':true,'magnetPlantLinked':false,'clearance':'GRANTED'}]}"))
                .extracting(p -> p.pointer() + " " + p.code())
                .containsExactly("/stockpileBudgetUsd out_of_range", "/minerals/0/annualDemandTonnes out_of_range",
                        "/minerals/0/domesticProductionTonnes out_of_range", "/minerals/0/stockTonnes out_of_range",
                        "/minerals/0/imports/0/tonnes out_of_range", "/corridors/0/resourceTonnesReo out_of_range",
                        "/corridors/0/separationCapacityTpa out_of_range", "/corridors/0/portDistanceKm out_of_range");
        assertThat(problems("{'country':'IND','asOf':'2026-02-04','minerals':[{'mineral':'gallium','annualDemandTonnes':1e300}]}"))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("≤ 10,000,000,000").contains("got 1e300"));
    }

    @Test
    void accepts_numbers_at_the_documented_bounds() {
        CountryProfile p = parser.parse(("{'country':'IND','asOf':'2026-02-04','stockpileBudgetUsd':1e14,'minerals':["
                + "{'mineral':'gallium','annualDemandTonnes':1e10,'domesticProductionTonnes':1e10,'stockTonnes':1e10,"
                + "'imports':[{'from':'CHN','tonnes':1e10}]}],"
                + "'corridors':[{'id':'C','resourceTonnesReo':1e10,'separationCapacityTpa':1e10,'portDistanceKm':40000,"
                + "'powerAvailable':true,'magnetPlantLinked':false,'clearance':'GRANTED'}]}").replace('\'', '"'));
        assertThat(p.minerals().get(0).annualDemandTonnes()).isEqualTo(1e10);
        assertThat(p.stockpileBudgetUsd()).isEqualTo(1e14);
        assertThat(p.corridors().get(0).portDistanceKm()).isEqualTo(40000);
    }

    @Test
    void rejects_nan_and_infinite_numbers_at_their_path() {
        assertThat(pointersAndCodes("{'country':'IND','asOf':'2026-02-04','minerals':["
                + "{'mineral':'gallium','annualDemandTonnes':NaN},{'mineral':'cobalt','annualDemandTonnes':1e999}]}"))
                .containsExactly("/minerals/0/annualDemandTonnes out_of_range", "/minerals/1/annualDemandTonnes out_of_range");
    }

    @Test
    void rejects_duplicates_and_imports_from_the_own_country() {
        assertThat(pointersAndCodes("{'country':'IND','asOf':'2026-02-04','minerals':["
                + "{'mineral':'gallium','annualDemandTonnes':1,'imports':[{'from':'CHN','tonnes':1},{'from':'CHN','tonnes':2},{'from':'IND','tonnes':1}]},"
                + "{'mineral':'gallium','annualDemandTonnes':2}]}"))
                .containsExactly("/minerals/0/imports/1/from duplicate", "/minerals/0/imports/2/from own_country",
                        "/minerals/1/mineral duplicate");
    }

    @Test
    void rejects_a_coalition_listed_twice_at_the_second_one() {
        List<ProfileProblem> found = problems("{'country':'IND','asOf':'2026-02-04','minerals':[],"
                + "'memberships':['QUAD','MSP','QUAD']}");
        assertThat(found).extracting(ProfileProblem::pointer, ProfileProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/memberships/2", "duplicate"));
        assertThat(found.get(0).message()).isEqualTo("coalition 'QUAD' is already listed at /memberships/0");
    }

    @Test
    void rejects_more_than_a_hundred_memberships_once_for_the_list() {
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            ids.append(i == 0 ? "" : ",").append("'QUAD'");
        }
        assertThat(pointersAndCodes("{'country':'IND','asOf':'2026-02-04','minerals':[],'memberships':[" + ids + "]}"))
                .containsExactly("/memberships too_many");
    }

    @Test
    void rejects_too_many_minerals_and_import_rows() {
        StringBuilder minerals = new StringBuilder();
        for (int i = 0; i < 501; i++) {
            minerals.append(i == 0 ? "" : ",").append("{'mineral':'gallium','annualDemandTonnes':1}");
        }
        assertThat(pointersAndCodes("{'country':'IND','asOf':'2026-02-04','minerals':[" + minerals + "]}"))
                .containsExactly("/minerals too_many");
        StringBuilder imports = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            imports.append(i == 0 ? "" : ",").append("{'from':'CHN','tonnes':1}");
        }
        assertThat(pointersAndCodes("{'country':'IND','asOf':'2026-02-04','minerals':[{'mineral':'gallium','annualDemandTonnes':1,'imports':["
                + imports + "]}]}")).containsExactly("/minerals/0/imports too_many");
    }

    @Test
    void rejects_a_body_over_one_mebibyte() {
        byte[] body = new byte[ProfileParser.MAX_BYTES + 1];
        InvalidProfileException e = catchThrowableOfType(InvalidProfileException.class, () -> parser.parse(body));
        assertThat(e.problems()).extracting(ProfileProblem::code).containsExactly("too_large");
    }

    @Test
    void rejects_bad_dates_and_enumerations() {
        assertThat(pointersAndCodes("{'country':'IND','asOf':'2026-02-30','minerals':[],"
                + "'capabilities':{'exportControlRegime':'FULL'},"
                + "'corridors':[{'id':'C','resourceTonnesReo':1,'separationCapacityTpa':0,'portDistanceKm':5,"
                + "'powerAvailable':'yes','magnetPlantLinked':false,'clearance':'MAYBE'}]}"))
                .containsExactly("/asOf malformed_date", "/capabilities/exportControlRegime invalid_value",
                        "/corridors/0/powerAvailable wrong_type", "/corridors/0/clearance invalid_value");
    }

    @Test
    void escapes_pointer_tokens_per_rfc_6901() {
        assertThat(pointersAndCodes("{'country':'IND','asOf':'2026-02-04','minerals':[],'a/b~c':1}"))
                .containsExactly("/a~1b~0c unknown_field");
    }
}
