package io.dialright.consent.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.dialright.consent.domain.CustomerChannel;

/** Body of {@code POST /api/opt-outs}; {@code phone} in any common format. */
public record OptOutRequest(
        @NotBlank String phone,
        @NotNull CustomerChannel channel,
        @NotBlank @Size(max = 100) String source,
        @Size(max = 500) String reason,
        @Size(max = 100) String callId) {
}
