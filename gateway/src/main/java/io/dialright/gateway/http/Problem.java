package io.dialright.gateway.http;

import io.vertx.core.json.JsonObject;

/**
 * An RFC 9457 problem the gateway answers itself. Details are sentences a person can act on; they never carry a
 * class name, a stack trace or the precise reason a token was refused.
 */
public record Problem(int status, String title, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem unauthorized() {
        return new Problem(401, "Unauthorized",
                "This request needs a valid access token: sign in again and send the token as "
                        + "'Authorization: Bearer <token>'.");
    }

    /** The same sentence for a role and a scope refusal: the caller learns no more about the rules than needed. */
    public static Problem forbidden() {
        return new Problem(403, "Forbidden",
                "Your role or client scopes do not allow this request; ask your administrator if you need it.");
    }

    public static Problem tooManyRequests(long retryAfterSeconds) {
        return new Problem(429, "Too Many Requests",
                "Too many requests from your account or client; wait " + retryAfterSeconds
                        + " s (Retry-After) and try again.");
    }

    public static Problem payloadTooLarge(long maxBytes) {
        return new Problem(413, "Content Too Large",
                "The request body is larger than the " + maxBytes + " bytes this path accepts; send less data per"
                        + " request (large files go to the import endpoints).");
    }

    public static Problem uriTooLong(int maxLength) {
        return new Problem(414, "URI Too Long",
                "The address (path and query) is longer than the " + maxLength + " characters the API accepts;"
                        + " shorten the query, or check the value sent in it.");
    }

    public static Problem badRequest(String detail) {
        return new Problem(400, "Bad Request", detail);
    }

    public static Problem methodNotAllowed() {
        return new Problem(405, "Method Not Allowed",
                "This path does not take this method; check the API documentation.");
    }

    public static Problem revocationsLoading(int retryAfterSeconds) {
        return new Problem(503, "Service Unavailable",
                "The gateway is still loading the list of revoked accounts; try again in " + retryAfterSeconds
                        + " s (Retry-After).");
    }

    public static Problem revocationNotRecorded() {
        return new Problem(503, "Service Unavailable",
                "The revocation could not be recorded because the event broker did not confirm it; nothing was "
                        + "changed. Try again shortly.");
    }

    public static Problem noRoute() {
        return new Problem(404, "Not Found",
                "No API matches this path; check the path against the API documentation.");
    }

    public static Problem unreachable(String serviceName) {
        return new Problem(502, "Bad Gateway",
                "The " + serviceName + " service is not reachable; try again shortly.");
    }

    public static Problem badUpstreamAnswer(String serviceName) {
        return new Problem(502, "Bad Gateway",
                "The " + serviceName + " service closed the connection without a complete answer; try again shortly.");
    }

    public static Problem upstreamTimeout(String serviceName) {
        return new Problem(504, "Gateway Timeout",
                "The " + serviceName + " service did not answer in time; try again shortly.");
    }

    public JsonObject toJson(String requestId) {
        return new JsonObject()
                .put("type", "about:blank")
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("requestId", requestId);
    }
}
