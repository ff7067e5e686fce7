package org.mineralsadvisor.profile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.FactBaseLoader;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Did you mean" must never point the wrong way: an officer who trusts the hint submits what
 * it says. So names count as well as ids, transpositions are one edit, nothing is suggested
 * when nothing is close, and nothing when two ids are equally close.
 */
class SuggestionsTest {
    private static FactBase facts;

    @BeforeAll
    static void load() {
        facts = new FactBaseLoader().load(Path.of("facts"));
    }

    @ParameterizedTest(name = "country {0} -> {1}")
    @CsvSource(nullValues = "none", value = {
            "CNH, CHN",                 // a transposition is one edit, not two (CAN was suggested)
            "Germany, DEU",             // a name, not an id (BRA was suggested)
            "germany, DEU",
            "GERMANY, DEU",
            "Germnay, DEU",
            "XYZ, none",                // nothing is close (KAZ was suggested)
            "INX, none",                // three letters: a substitution is as often another code
            "AUT, none",                // Austria is not in the fact base, but it is not Australia
            "DRC, none",                // the Congo, not Greece
            "NCH, none",                // two swaps away
            "CHN, CHN",
            "ICV, CIV",                 // a swap of the first two letters
            "ind, IND",
            "INDD, IND",
            "CHNA, CHN",
            "China, CHN",
            "Brasil, BRA",
            "Phillipines, PHL",
            "'Cote d''Ivoire', CIV",
            "'Côte d’Ivoire', CIV",
            "Myanmar, MMR",
            "France, FRA",              // not also New Caledonia (France): a remark is not a name
            "Korea, KOR",
            "Republic of Korea, KOR",
            "Democratic Republic of the Congo, COD",
            "United States, USA",
            "IN, none",                 // two letters: one edit is half the word
            "Atlantis, none",
            "'', none",
    })
    void countries(String given, String expected) {
        assertThat(Suggestions.countries(facts).closest(given)).isEqualTo(java.util.Optional.ofNullable(expected));
    }

    @ParameterizedTest(name = "mineral {0} -> {1}")
    @CsvSource(nullValues = "none", value = {
            "lithum, lithium",
            "Lithium, lithium",
            "LITHIUM, lithium",
            "lihtium, lithium",
            "galium, gallium",
            "Gallium, gallium",
            "rare earths, rare_earths",
            "rare-earths, rare_earths",
            "Rare earth elements, rare_earths",
            "platinum group metals, platinum_group_metals",
            "Platinum-group metals, platinum_group_metals",
            "Dysprosium, dysprosium",
            "natural graphite, none",
            "unobtainium, none",
            "iron, none",
    })
    void minerals(String given, String expected) {
        assertThat(Suggestions.minerals(facts).closest(given)).isEqualTo(java.util.Optional.ofNullable(expected));
    }

    @ParameterizedTest(name = "coalition {0} -> {1}")
    @CsvSource(nullValues = "none", value = {
            "PAXSILICA, PAX_SILICA",
            "PAX_SILLICA, PAX_SILICA",
            "Pax Silica, PAX_SILICA",
            "quad, QUAD",
            "Minerals Security Partnership, MSP",
            "Group of Seven, G7",
            "g7, G7",
            "G8, none",                 // a different group, not a typo
            "NATO, none",
            "MPS, MSP",
    })
    void coalitions(String given, String expected) {
        assertThat(Suggestions.coalitions(facts).closest(given)).isEqualTo(java.util.Optional.ofNullable(expected));
    }

    @Test
    void two_equally_close_ids_give_no_suggestion() {
        Suggestions codes = Suggestions.of(List.of("ABC", "ABD", "XYZW"));
        assertThat(codes.closest("ABX")).isEmpty();
        assertThat(codes.closest("ABCC")).contains("ABC");
        assertThat(codes.closest("BAC")).contains("ABC");
        assertThat(Suggestions.of(Map.of("AAA", "Same", "BBB", "Same")).closest("same")).isEmpty();
    }

    @Test
    void field_names_are_matched_ignoring_case() {
        Suggestions fields = Suggestions.of(List.of("semiconductorFabrication", "chipDesign", "esgStandards"));
        assertThat(fields.closest("chipDesing")).contains("chipDesign");
        assertThat(fields.closest("ChipDesign")).contains("chipDesign");
        assertThat(fields.closest("colour")).isEmpty();
    }

    @Test
    void a_suggestion_is_shown_with_its_name_so_that_the_officer_can_check_it() {
        assertThat(Suggestions.countries(facts).describe("DEU")).isEqualTo("'DEU' (Germany)");
        assertThat(Suggestions.minerals(facts).describe("lithium")).isEqualTo("'lithium'");
        assertThat(Suggestions.minerals(facts).describe("graphite")).isEqualTo("'graphite' (Graphite (natural))");
    }

    @ParameterizedTest(name = "{0} / {1} = {2}")
    @CsvSource({"ca, ac, 1", "abc, abc, 0", "abc, '', 3", "kitten, sitting, 3", "chn, cnh, 1", "ca, abc, 3"})
    void distance_is_optimal_string_alignment(String a, String b, int expected) {
        assertThat(Suggestions.distance(a, b)).isEqualTo(expected);
    }
}
