package io.dialright.system;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One request as a client saw it: when it started and ended (this JVM's nanoTime), the status, and the headers a
 * client acts on when it fails. {@code status} is -1 when no HTTP answer came at all (connection refused or reset,
 * timeout).
 */
record TimedAnswer(long startedNanos, long answeredNanos, int status, String contentType, String retryAfter) {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** Sends the request (its own timeout applies) and times it; never throws for a failed exchange. */
    static TimedAnswer send(HttpRequest request) {
        long started = System.nanoTime();
        try {
            HttpResponse<Void> response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
            return new TimedAnswer(started, System.nanoTime(), response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            return new TimedAnswer(started, System.nanoTime(), -1, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TimedAnswer(started, System.nanoTime(), -1, null, null);
        }
    }

    boolean succeeded() {
        return status >= 200 && status < 300;
    }

    long millis() {
        return (answeredNanos - startedNanos) / 1_000_000;
    }

    /** Seconds from {@code nanos} (a nanoTime) until this answer arrived. */
    double answeredSecondsAfter(long nanos) {
        return (answeredNanos - nanos) / 1e9;
    }
}
