package org.mineralsadvisor.timeline;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The dates a timeline covers: {@code from} to {@code to}, both included, by {@code step}.
 * At most {@link #MAX_DATES} dates are evaluated, so a timeline costs at most that many
 * evaluations (about a second untraced).
 */
public record TimelineRange(LocalDate from, LocalDate to, Step step) {
    public static final int MAX_DATES = 1_000;
    public static final Step DEFAULT_STEP = Step.MONTH;
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /**
     * Validates the three parameters as written by a client; {@code step} null means the
     * default. {@code shown} turns a parameter's name into how the client wrote it
     * ({@code from} → {@code --from} for the CLI), for the messages.
     */
    public static TimelineRange of(String from, String to, String step, UnaryOperator<String> shown) {
        List<RangeProblem> problems = new ArrayList<>();
        LocalDate start = date("from", from, shown, problems);
        LocalDate end = date("to", to, shown, problems);
        Step by = DEFAULT_STEP;
        if (step != null) {
            by = Step.of(step).orElse(null);
            if (by == null) {
                problems.add(new RangeProblem("step", "invalid_value", shown.apply("step") + " '" + step
                        + "' is not one of " + Step.ids()));
            }
        }
        if (start != null && end != null && start.isAfter(end)) {
            problems.add(new RangeProblem("to", "to_before_from", shown.apply("to") + " " + end + " is before "
                    + shown.apply("from") + " " + start));
        }
        if (problems.isEmpty() && by.calendar()) {
            long count = by.count(start, end);
            if (count > MAX_DATES) {
                problems.add(tooMany("from " + start + " to " + end + " by " + by.id() + " is "
                        + String.format("%,d", count) + " dates", "take a longer " + shown.apply("step") + " or a shorter range"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRangeException(problems);
        }
        return new TimelineRange(start, end, by);
    }

    static RangeProblem tooMany(String what, String remedy) {
        return new RangeProblem("step", "too_many_dates", what + "; a timeline evaluates at most "
                + String.format("%,d", MAX_DATES) + ": " + remedy);
    }

    private static LocalDate date(String parameter, String text, UnaryOperator<String> shown, List<RangeProblem> problems) {
        if (text == null || text.isEmpty()) {
            problems.add(new RangeProblem(parameter, "missing_parameter", shown.apply(parameter)
                    + " is required (a date, YYYY-MM-DD)"));
            return null;
        }
        try {
            if (ISO_DATE.matcher(text).matches()) {
                return LocalDate.parse(text);
            }
        } catch (DateTimeParseException e) {
            // falls through to the same message: 2025-02-30 is as much not a date as 2025/02/01
        }
        problems.add(new RangeProblem(parameter, "malformed_date", shown.apply(parameter) + " '" + text
                + "' is not a date (YYYY-MM-DD)"));
        return null;
    }

    /** The calendar step's dates; a {@code changes} timeline takes its dates from the fact base instead. */
    public List<LocalDate> steppedDates() {
        return step.dates(from, to);
    }
}
