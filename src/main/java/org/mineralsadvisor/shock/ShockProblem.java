package org.mineralsadvisor.shock;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One problem with a shock scenario: where it is written ({@code file}, 1-based {@code line}
 * and {@code column}, 0 when unknown, and the JSON Pointer of the value at fault inside the
 * scenario), a stable {@code code} and a message for people.
 */
@JsonPropertyOrder({"file", "line", "column", "pointer", "code", "message"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShockProblem(String file, int line, int column, String pointer, String code, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line + ":" + column : "") + ": " + code + ": " + message;
    }
}
