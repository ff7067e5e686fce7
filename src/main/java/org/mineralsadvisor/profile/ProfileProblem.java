package org.mineralsadvisor.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One problem in a submitted profile: a stable {@code code}, the JSON Pointer of the value at
 * fault ("" for the whole document), a message for people, and for unknown ids the closest
 * known one.
 */
@JsonPropertyOrder({"pointer", "code", "message", "suggestion"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProfileProblem(String pointer, String code, String message, String suggestion) {

    public static ProfileProblem of(String pointer, String code, String message) {
        return new ProfileProblem(pointer, code, message, null);
    }
}
