package io.dialright.platform.web;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import io.vertx.core.http.HttpServerRequest;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every request has an id: the {@code X-Request-Id} the gateway (or a client) sent, if it is a sane token, else a
 * new UUID. It is in the log context, in the response header and in every problem body.
 */
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final String PROPERTY = "dialright.requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern SANE_ADDRESS = Pattern.compile("[0-9A-Fa-f.:]{2,45}");

    @ServerRequestFilter(preMatching = true)
    public void assign(ContainerRequestContext request, HttpServerRequest connection) {
        String sent = request.getHeaderString(HEADER);
        String id = sent != null && SANE.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
        request.setProperty(PROPERTY, id);
        MDC.put("requestId", id);
        MDC.put("sourceIp", sourceIp(request, connection));
    }

    /** The client's address as the gateway saw it (its {@code X-Forwarded-For}), else the peer's: for the audit. */
    private static String sourceIp(ContainerRequestContext request, HttpServerRequest connection) {
        String forwarded = request.getHeaderString("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            String first = forwarded.split(",", 2)[0].strip();
            if (SANE_ADDRESS.matcher(first).matches()) {
                return first;
            }
        }
        return connection.remoteAddress() == null ? null : connection.remoteAddress().hostAddress();
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        String id = of(request);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
        MDC.remove("requestId");
        MDC.remove("sourceIp");
    }

    public static String of(ContainerRequestContext request) {
        return request == null ? null : (String) request.getProperty(PROPERTY);
    }
}
