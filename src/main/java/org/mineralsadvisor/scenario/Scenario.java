package org.mineralsadvisor.scenario;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One case of a scenario file: a profile, an optional fact-base override (file name → CSV
 * text that replaces that file), and what the advice must and must not contain.
 *
 * @param file     the scenario file, relative to the rules directory
 * @param line     the line the case starts on
 * @param problems what is wrong with the case as written, each located ({@code file:line:column: message});
 *                 such a case fails with them and is not run
 * @param where    a place in the case (a JSON pointer relative to the case, e.g. {@code /fired/1}) →
 *                 {@code file:line:column}
 */
public record Scenario(String file, int line, String note, JsonNode profile, Map<String, String> facts,
                       List<JsonNode> want, List<JsonNode> wantNot, boolean wantExact, List<String> fired,
                       List<String> notFired, List<JsonNode> wantErrors, List<String> problems,
                       Function<String, String> where) {

    public String name() {
        return file + ":" + line + ": " + note;
    }
}
