package io.dialright.platform.web;

import java.util.List;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import io.dialright.platform.problem.ProblemMapper;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * An address with the NUL character ({@code %00} in the path or the query) is refused before it is routed: a NUL in a
 * query parameter that reached PostgreSQL ({@code ?tag=%00}) made the request a 500. After {@link RequestIds}, so the
 * problem carries the request id.
 */
public class NulRefusingAddress {

    @ServerRequestFilter(preMatching = true, priority = Priorities.USER + 1)
    public Response refuse(ContainerRequestContext request, HttpServerRequest httpRequest) {
        // The request target as sent (path and query, still encoded): no URI is parsed for the check.
        if (!httpRequest.uri().contains("%00")) {
            return null;
        }
        return ProblemMapper.respond(400, "Invalid request", "The address holds the NUL character (%00) in its path "
                + "or query; remove it and send the request again.", List.of(), request);
    }
}
