package org.mineralsadvisor.timeline;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.time.LocalDate;

/**
 * A date on which a fact-base row starts or stops having effect: the first day a membership
 * counts, a control is in force, and so on, or the first day it no longer does (the day after
 * an {@code in_force_until}). {@code subject} is the coalition or the mineral.
 */
@JsonPropertyOrder({"date", "kind", "subject", "text", "file", "line"})
public record FactEvent(@JsonSerialize(using = ToStringSerializer.class) LocalDate date, Kind kind, String subject,
                        String text, String file, int line) {

    public enum Kind { FOUNDED, ENDED, JOINED, LEFT, CONTROL_IN_FORCE, CONTROL_ENDED, SUSPENDED, SUSPENSION_ENDED }
}
