package org.mineralsadvisor.shock;

import java.util.Map;

/**
 * One change of a shock scenario to one fact-base file: add a row ({@code values} are its
 * cells by column), remove the rows whose cells equal {@code match}, or change them by
 * setting the cells in {@code values}. Where it is written ({@code pointer}, {@code line},
 * {@code column}) is kept so that a change that does not apply can be reported there.
 */
public record ShockChange(int index, Kind kind, String file, Map<String, String> match, Map<String, String> values,
                          String pointer, int line, int column) {

    public enum Kind {
        ADD, REMOVE, CHANGE;

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
