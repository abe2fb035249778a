package io.dialright.gateway.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/** Writes the gateway's own error answers. */
public final class ProblemWriter {

    /** How long the rest of a refused body is still read, and thrown away, before its connection is closed. */
    static final long LINGER_MILLIS = 2000;

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
     * Answers and closes the connection without passing the rest of the body on: for a body too large to be worth
     * draining. What the client still sends is read and thrown away for at most {@link #LINGER_MILLIS}.
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
            if (!drainBody) {
                closeWhenTheClientHasStopped(request);
            }
        });
    }

    /**
     * Closes the connection once the rest of the body has arrived, or after {@link #LINGER_MILLIS}, whichever comes
     * first. Closed at once, the connection would answer the body still on its way with a TCP reset, and a client
     * still sending then often loses the answer it had not read yet: it sees a broken connection instead of the
     * problem (RFC 9112 §9.6, lingering close).
     */
    private static void closeWhenTheClientHasStopped(HttpServerRequest request) {
        HttpConnection connection = request.connection();
        Context context = Vertx.currentContext();
        if (connection == null) {
            return;
        }
        if (request.isEnded() || context == null) {
            connection.close();
            return;
        }
        long timer = context.owner().setTimer(LINGER_MILLIS, expired -> connection.close());
        request.handler(thrownAway -> {
        });
        request.endHandler(ended -> {
            context.owner().cancelTimer(timer);
            connection.close();
        });
        request.resume();
    }
}
