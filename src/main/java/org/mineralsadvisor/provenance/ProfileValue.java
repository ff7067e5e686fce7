package org.mineralsadvisor.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A value read from the submitted profile, named by its JSON Pointer. {@code defaulted} is
 * true where the profile left the field out and the contract's default was used.
 */
@JsonPropertyOrder({"pointer", "value", "defaulted"})
public record ProfileValue(String pointer, Object value,
                           @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean defaulted) {

    public static ProfileValue given(String pointer, Object value) {
        return new ProfileValue(pointer, value, false);
    }

    public static ProfileValue of(String pointer, Object value, boolean defaulted) {
        return new ProfileValue(pointer, value, defaulted);
    }
}
