package io.dialright.consent.service;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a request came from, kept as proof next to a consent or its confirmation: the request id (to find the
 * gateway's and the service's logs), the client's address as the gateway saw it and its user agent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestMetadata(String requestId, String sourceIp, String userAgent) {
}
