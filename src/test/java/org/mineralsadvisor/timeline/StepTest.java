package org.mineralsadvisor.timeline;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dates each step gives, and the range checks with the messages a client reads. */
class StepTest {

    private static List<String> dates(String from, String to, String step) {
        return TimelineRange.of(from, to, step, p -> p).steppedDates().stream().map(LocalDate::toString).toList();
    }

    @Test
    void a_month_counted_from_the_31st_clamps_to_each_month_end_without_drifting() {
        assertThat(dates("2025-01-31", "2025-05-31", "month"))
                .containsExactly("2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30", "2025-05-31");
        // Leap year: 29 February, and back to the 31st after it.
        assertThat(dates("2024-01-31", "2024-03-31", "month")).containsExactly("2024-01-31", "2024-02-29", "2024-03-31");
        assertThat(dates("2025-11-30", "2026-06-01", "quarter"))
                .containsExactly("2025-11-30", "2026-02-28", "2026-05-30", "2026-06-01");
    }

    @Test
    void a_year_from_29_february_is_28_february_until_the_next_leap_year() {
        assertThat(dates("2024-02-29", "2028-03-01", "year")).containsExactly("2024-02-29", "2025-02-28", "2026-02-28",
                "2027-02-28", "2028-02-29", "2028-03-01");
    }

    @Test
    void both_ends_are_included_and_to_is_added_when_no_step_lands_on_it() {
        assertThat(dates("2025-01-01", "2025-01-20", "week")).containsExactly("2025-01-01", "2025-01-08", "2025-01-15",
                "2025-01-20");
        assertThat(dates("2025-01-01", "2025-01-15", "week")).containsExactly("2025-01-01", "2025-01-08", "2025-01-15");
        assertThat(dates("2025-12-30", "2026-01-02", "day"))
                .containsExactly("2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02");
        assertThat(dates("2025-01-01", "2026-12-31", "month")).hasSize(25).endsWith("2026-12-01", "2026-12-31");
    }

    @Test
    void from_equal_to_to_is_one_date_for_every_step() {
        for (Step step : Step.values()) {
            if (step.calendar()) {
                assertThat(dates("2024-02-29", "2024-02-29", step.id())).as(step.id()).containsExactly("2024-02-29");
            }
        }
    }

    @Test
    void the_count_checked_against_the_cap_is_the_number_of_dates_listed() {
        Random random = new Random(12);
        LocalDate base = LocalDate.of(2023, 1, 1);
        for (int i = 0; i < 2_000; i++) {
            // Month ends and leap days are where a count by whole units goes wrong: start on them often.
            LocalDate from = i % 3 == 0 ? base.plusMonths(random.nextInt(48)).withDayOfMonth(1).minusDays(1)
                    : base.plusDays(random.nextInt(1_500));
            LocalDate to = from.plusDays(random.nextInt(900));
            for (Step step : Step.values()) {
                if (step.calendar()) {
                    assertThat(step.count(from, to)).as(step + " " + from + " " + to)
                            .isEqualTo(step.dates(from, to).size());
                }
            }
        }
    }

    @Test
    void at_most_1000_dates() {
        assertThat(dates("2025-01-01", "2027-09-27", "day")).hasSize(1_000);
        assertThatThrownBy(() -> TimelineRange.of("2025-01-01", "2027-09-28", "day", p -> "--" + p))
                .isInstanceOfSatisfying(InvalidRangeException.class, e -> assertThat(e.problems()).singleElement()
                        .isEqualTo(new RangeProblem("step", "too_many_dates", "from 2025-01-01 to 2027-09-28 by day is "
                                + "1,001 dates; a timeline evaluates at most 1,000: take a longer --step or a shorter range")));
        // Centuries by day are refused by their count, not by listing them.
        assertThatThrownBy(() -> TimelineRange.of("0001-01-01", "9999-12-31", "day", p -> p))
                .hasMessageContaining("3,652,059 dates");
    }

    @Test
    void every_problem_of_a_range_is_reported_at_once_naming_its_parameter() {
        assertThat(problems("2025-02-30", "2025/03/01", "fortnight")).containsExactly(
                new RangeProblem("from", "malformed_date", "--from '2025-02-30' is not a date (YYYY-MM-DD)"),
                new RangeProblem("to", "malformed_date", "--to '2025/03/01' is not a date (YYYY-MM-DD)"),
                new RangeProblem("step", "invalid_value",
                        "--step 'fortnight' is not one of [day, week, month, quarter, year, changes]"));
        assertThat(problems("2025-03-01", "2025-02-28", "month")).containsExactly(
                new RangeProblem("to", "to_before_from", "--to 2025-02-28 is before --from 2025-03-01"));
        assertThat(problems(null, "", "Month")).extracting(RangeProblem::code)
                .containsExactly("missing_parameter", "missing_parameter", "invalid_value");
        assertThat(problems("2025-1-01", "+2025-01-01", null)).extracting(RangeProblem::code)
                .containsExactly("malformed_date", "malformed_date");
    }

    @Test
    void the_step_defaults_to_month() {
        assertThat(TimelineRange.of("2025-01-01", "2025-02-01", null, p -> p).step()).isEqualTo(Step.MONTH);
    }

    private static List<RangeProblem> problems(String from, String to, String step) {
        try {
            TimelineRange.of(from, to, step, p -> "--" + p);
        } catch (InvalidRangeException e) {
            return e.problems();
        }
        throw new AssertionError("accepted " + from + " " + to + " " + step);
    }
}
