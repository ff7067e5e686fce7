package org.mineralsadvisor.http;

import io.javalin.http.Context;
import org.mineralsadvisor.advice.AdviceJson;

import java.nio.charset.StandardCharsets;

/**
 * The one way a handler writes a body. Every media type names its charset and the bytes are
 * UTF-8: left to the servlet container, a type it does not know (application/problem+json)
 * is encoded as ISO-8859-1, which turns '≥' into '?' and makes an echoed 'Côte' invalid JSON.
 */
final class Responses {
    static final String JSON = "application/json; charset=utf-8";
    static final String PROBLEM_JSON = Problem.MEDIA_TYPE + "; charset=utf-8";
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private Responses() {
    }

    /** {@code value} as compact JSON (the advice's own mapper). */
    static void json(Context ctx, Object value) {
        utf8(ctx, JSON, AdviceJson.compactBytes(value));
    }

    static void utf8(Context ctx, String mediaType, String text) {
        utf8(ctx, mediaType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code body} must already be UTF-8 (as the advice's stored bytes are). */
    static void utf8(Context ctx, String mediaType, byte[] body) {
        ctx.contentType(mediaType);
        ctx.result(body);
    }
}
