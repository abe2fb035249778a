package io.dialright.gateway.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/** Writes the gateway's own error answers. */
public final class ProblemWriter {

    private ProblemWriter() {
    }

    /**
     * Answers {@code problem}; when the response has already started (a service failed mid-answer) the only honest
     * thing left is to break the connection, so the client cannot take a truncated body for a whole one.
     */
    public static void send(HttpServerRequest request, Problem problem, String requestId) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            response.reset();
            return;
        }
        // The body was never read; let it drain so the connection stays usable for the client's next request.
        request.resume();
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader(RequestIds.HEADER, requestId);
        if (problem.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        response.end(problem.toJson(requestId).encode());
    }
}
