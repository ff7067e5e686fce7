package org.mineralsadvisor.http;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.mineralsadvisor.advice.AdviceJson;

import java.nio.ByteBuffer;

/**
 * What Jetty answers itself, before a request reaches the routes, as a problem document like
 * every other error: the 503 of a graceful stop (with Retry-After) and the 400 of a request it
 * cannot parse.
 */
final class ProblemErrorHandler extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_EXCEPTION) instanceof HttpException failure
                ? failure.getCode() : response.getStatus();
        response.setStatus(status);
        Problem problem = status == HttpStatus.SERVICE_UNAVAILABLE_503
                // Jetty's only 503 of its own here: the GracefulHandler refusing work while stopping.
                ? Problem.of(503, "shutting-down", "Shutting down", "the service is stopping; retry on another instance")
                : Problem.of(status, "http-" + status, HttpStatus.getMessage(status), detail(request, status));
        if (status == HttpStatus.SERVICE_UNAVAILABLE_503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        }
        if (HttpStatus.hasNoBody(status) || "HEAD".equals(request.getMethod())) {
            callback.succeeded();
            return true;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Responses.PROBLEM_JSON);
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        byte[] body = AdviceJson.compactBytes(problem.at(path));
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private static String detail(Request request, int status) {
        Object message = request.getAttribute(ERROR_MESSAGE);
        return message == null ? HttpStatus.getMessage(status) : message.toString();
    }
}
