package org.mineralsadvisor.warnings;

import java.time.LocalDate;
import java.time.YearMonth;

/** The date a row's {@code as_of} stands for: a year counts as 31 December, a month as its last day. */
final class RowDates {
    private RowDates() {
    }

    static LocalDate asOf(String asOf) {
        if (asOf == null || asOf.isEmpty()) {
            return null;
        }
        return switch (asOf.length()) {
            case 4 -> LocalDate.of(Integer.parseInt(asOf), 12, 31);
            case 7 -> YearMonth.parse(asOf).atEndOfMonth();
            default -> LocalDate.parse(asOf);
        };
    }
}
