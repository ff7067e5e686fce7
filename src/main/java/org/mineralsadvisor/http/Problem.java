package org.mineralsadvisor.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * An RFC 9457 problem document. {@code problems} (an extension member) lists every located
 * problem, each with the JSON Pointer of the value at fault.
 */
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "problems"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<?> problems) {
    public static final String MEDIA_TYPE = "application/problem+json";
    static final String BASE = "https://minerals-advisor.example/problems/";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(BASE + slug, title, status, detail, null, null);
    }

    public Problem with(List<?> problems) {
        return new Problem(type, title, status, detail, instance, problems);
    }

    public Problem at(String instance) {
        return new Problem(type, title, status, detail, instance, problems);
    }
}
