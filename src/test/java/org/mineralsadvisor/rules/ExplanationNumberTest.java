package org.mineralsadvisor.rules;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The numbers of summaries and explanations: four significant digits, thousands grouped, and
 * correct for any finite double (a demand of 1e300 t once printed "9223372036854775807 t").
 * Values below 1e15 print as they always did (the advice bytes depend on it).
 */
class ExplanationNumberTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // as before: whole numbers below 1e15 in full, others to four significant digits
            "0 | 0",
            "12 | 12",
            "1234567 | 1,234,567",
            "-1234567 | -1,234,567",
            "999999999999999 | 999,999,999,999,999",
            "9.726027397260275 | 9.726",
            "20589.04109589041 | 20,590",
            "4863013.698630137 | 4,863,000",
            "14346301.369863015 | 14,350,000",
            "0.36363636363636365 | 0.3636",
            "-0.5 | -0.5",
            "1234.5 | 1,235",
            "0.000012345 | 0.00001235",
            // from 1e15 up: still four significant digits and grouped, never a clamped long
            "1e15 | 1,000,000,000,000,000",
            "4.0068493150684935e15 | 4,007,000,000,000,000",
            "9.3e18 | 9,300,000,000,000,000,000",
            "-2.5e19 | -25,000,000,000,000,000,000",
    })
    void prints_numbers_for_people(double value, String expected) {
        assertThat(ExplanationTemplate.number(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1e300", "-1e300", "1.7976931348623157e308", "9.223372036854775807e18", "1.2345e100"})
    void never_overflows_for_huge_values(double value) {
        String printed = ExplanationTemplate.number(value);
        assertThat(printed).doesNotContain("9223372036854775807").doesNotContain("9,223,372,036,854,775,807")
                .matches("-?\\d{1,3}(,\\d{3})*");
        String digits = printed.replace(",", "").replace("-", "");
        assertThat(digits).hasSize((int) Math.floor(Math.log10(Math.abs(value))) + 1);
        BigDecimal exact = new BigDecimal(value);
        assertThat(new BigDecimal(printed.replace(",", "")).subtract(exact).abs())
                .isLessThanOrEqualTo(exact.abs().movePointLeft(3));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1e300", "1e15"})
    void a_summary_of_a_huge_cost_prints_the_value(double value) {
        assertThat(ExplanationTemplate.format(value, null)).isEqualTo(ExplanationTemplate.number(value))
                .startsWith("1,000,000,000,000,000");
    }
}
