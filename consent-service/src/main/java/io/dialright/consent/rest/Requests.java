package io.dialright.consent.rest;

import java.util.regex.Pattern;

import jakarta.ws.rs.core.HttpHeaders;

import io.dialright.consent.service.RequestMetadata;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.logging.MDC;

/** Reads the proof metadata of a request: its id, the client's address as the gateway saw it, its user agent. */
final class Requests {

    private static final Pattern SANE_ADDRESS = Pattern.compile("[0-9A-Fa-f.:]{2,45}");
    private static final int MAX_USER_AGENT = 300;

    private Requests() {
    }

    static RequestMetadata metadata(HttpHeaders headers, HttpServerRequest connection) {
        Object requestId = MDC.get("requestId");
        String userAgent = headers.getHeaderString(HttpHeaders.USER_AGENT);
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
        return new RequestMetadata(requestId == null ? null : requestId.toString(), sourceIp(headers, connection),
                userAgent);
    }

    private static String sourceIp(HttpHeaders headers, HttpServerRequest connection) {
        String forwarded = headers.getHeaderString("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            String first = forwarded.split(",", 2)[0].strip();
            if (SANE_ADDRESS.matcher(first).matches()) {
                return first;
            }
        }
        return connection == null || connection.remoteAddress() == null ? null
                : connection.remoteAddress().hostAddress();
    }
}
