package org.mineralsadvisor.scenario;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * One case of a scenario file: a profile, an optional fact-base override (file name → CSV
 * text that replaces that file), and what the advice must and must not contain.
 *
 * @param file    the scenario file, relative to the rules directory
 * @param line    the line the case starts on
 */
public record Scenario(String file, int line, String note, JsonNode profile, Map<String, String> facts,
                       List<JsonNode> want, List<JsonNode> wantNot, boolean wantExact, List<String> fired,
                       List<String> notFired, List<JsonNode> wantErrors) {

    public String name() {
        return file + ":" + line + ": " + note;
    }
}
