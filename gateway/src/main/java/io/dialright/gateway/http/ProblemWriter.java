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
        write(request, problem, requestId, 0, true);
    }

    /** A 429 or 503 with the seconds after which the client may try again. */
    public static void sendRetryAfter(HttpServerRequest request, Problem problem, String requestId, long seconds) {
        write(request, problem, requestId, seconds, true);
    }

    /**
     * Answers and closes the connection without reading the rest of the body: for a body too large to be worth
     * draining.
     */
    public static void sendAndClose(HttpServerRequest request, Problem problem, String requestId) {
        write(request, problem, requestId, 0, false);
    }

    private static void write(HttpServerRequest request, Problem problem, String requestId, long retryAfterSeconds,
                              boolean drainBody) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            response.reset();
            return;
        }
        if (drainBody) {
            // The body was never read; let it drain so the connection stays usable for the client's next request.
            request.resume();
        } else {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader(RequestIds.HEADER, requestId);
        if (problem.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        if (retryAfterSeconds > 0) {
            response.putHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
        response.end(problem.toJson(requestId).encode()).onComplete(written -> {
            if (!drainBody && request.connection() != null) {
                request.connection().close();
            }
        });
    }
}
