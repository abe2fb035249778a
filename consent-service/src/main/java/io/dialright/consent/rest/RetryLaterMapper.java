package io.dialright.consent.rest;

import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import io.dialright.platform.problem.ProblemMapper;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Answers {@link RetryLater} as platform's problem+json, plus {@code Retry-After} in seconds. */
public class RetryLaterMapper {

    @ServerExceptionMapper
    public Response retryLater(RetryLater e, ContainerRequestContext request) {
        Response response = ProblemMapper.respond(429, e.title(), e.getMessage(), List.of(), request);
        if (e.retryAfter() == null) {
            return response;
        }
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        return Response.fromResponse(response).header("Retry-After", seconds).build();
    }
}
