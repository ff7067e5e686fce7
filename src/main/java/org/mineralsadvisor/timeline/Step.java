package org.mineralsadvisor.timeline;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a timeline picks its dates. The calendar steps count each date from the start
 * ({@code from + n months}), never from the date before: 31 January steps to 28 (or 29)
 * February and then to 31 March, where adding a month each time would drift to the 28th.
 * {@code CHANGES} takes the dates on which the fact base itself changes (see {@link FactEvents}).
 */
public enum Step {
    DAY(ChronoUnit.DAYS, 1), WEEK(ChronoUnit.WEEKS, 1), MONTH(ChronoUnit.MONTHS, 1), QUARTER(ChronoUnit.MONTHS, 3),
    YEAR(ChronoUnit.YEARS, 1), CHANGES(null, 0);

    private final ChronoUnit unit;
    private final int amount;

    Step(ChronoUnit unit, int amount) {
        this.unit = unit;
        this.amount = amount;
    }

    /** The name clients write: {@code day}, {@code week}, … */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Step::id).toList();
    }

    /** The step written exactly as {@link #id()} (lower case), or empty. */
    public static Optional<Step> of(String text) {
        return Arrays.stream(values()).filter(s -> s.id().equals(text)).findFirst();
    }

    public boolean calendar() {
        return unit != null;
    }

    /** The n-th date after {@code start}, counted from the start; a day-of-month past the month's end is its last day. */
    LocalDate nth(LocalDate start, long n) {
        if (!calendar()) {
            throw new IllegalStateException(id() + " is not a calendar step");
        }
        return start.plus(n * amount, unit);
    }

    /**
     * How many dates {@link #dates} gives, without listing them (a range of centuries by day
     * is refused by its count, not after building a million dates).
     */
    long count(LocalDate from, LocalDate to) {
        long n = Math.max(0, unit.between(from, to) / amount);
        // between() counts whole units, so a clamped month end (31 Jan → 28 Feb) can be one off either way.
        while (!nth(from, n + 1).isAfter(to)) {
            n++;
        }
        while (n > 0 && nth(from, n).isAfter(to)) {
            n--;
        }
        return n + 1 + (nth(from, n).equals(to) ? 0 : 1);
    }

    /** {@code from}, each step after it up to {@code to}, and {@code to} itself when no step lands on it. */
    List<LocalDate> dates(LocalDate from, LocalDate to) {
        List<LocalDate> dates = new ArrayList<>();
        for (long n = 0; ; n++) {
            LocalDate date = nth(from, n);
            if (date.isAfter(to)) {
                break;
            }
            dates.add(date);
        }
        if (!dates.get(dates.size() - 1).equals(to)) {
            dates.add(to);
        }
        return dates;
    }
}
