package org.mineralsadvisor.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;

/**
 * Gzip for clients that ask for it, by Jetty's GzipHandler, inside the graceful stop and
 * around Javalin. It compresses successful answers only (2xx but 204/205): a problem document
 * is sent as it is, which every client can read, and is small but for a long list of profile
 * problems.
 *
 * <p>Not Javalin's own compression (its default, switched off in {@link AdvisorServer}): it
 * matches {@code Accept-Encoding} tokens literally, so {@code gzip;q=0.5} got no gzip, and it
 * sends no {@code Vary: Accept-Encoding}, so a shared cache could hand gzip to a client that
 * cannot read it. GzipHandler reads the header by its quality values ({@code gzip;q=0} is a
 * refusal, {@code identity} alone asks for none) and adds {@code Vary} to every response it
 * could compress, compressed or not. Jetty 12.1 marks it deprecated in favour of the
 * CompressionHandler of its separate jetty-compression modules; this one ships in jetty-server,
 * which Javalin already brings, and does the job. Request bodies are never inflated (Jetty's
 * default, kept), so the body-size limit still bounds what is parsed.
 */
final class ResponseCompression {
    /**
     * Below this a body is sent as it is. Our small bodies (problem documents, health,
     * readiness, chain status: all under 600 bytes) fit in one TCP segment (about 1,460 bytes
     * on an Ethernet path) with their headers whether compressed or not, so gzip would save no
     * packet and no round trip but cost a deflater on the server and an inflater on the client.
     * Everything large (advice, about 125 KB for the India sample; exports; search pages;
     * /metrics; the OpenAPI document) is far above it and shrinks several times over.
     */
    static final int MIN_SIZE_BYTES = 1024;

    private ResponseCompression() {
    }

    /**
     * GET and POST (advice is the answer to a POST); not HEAD, which sends no body, so its
     * headers stay those of the uncompressed body.
     */
    @SuppressWarnings("deprecation")
    static Handler.Singleton gzip() {
        GzipHandler gzip = new GzipHandler();
        gzip.setIncludedMethods("GET", "POST");
        gzip.setMinGzipSize(MIN_SIZE_BYTES);
        return gzip;
    }
}
