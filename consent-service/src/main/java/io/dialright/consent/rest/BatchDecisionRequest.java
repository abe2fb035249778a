package io.dialright.consent.rest;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.dialright.consent.domain.Channel;
import io.dialright.consent.domain.Purpose;

/** Body of {@code POST /api/decisions/batch}: up to 10,000 numbers in any format, one purpose and channel. */
public record BatchDecisionRequest(
        @NotNull Purpose purpose,
        Channel channel,
        @NotNull @Size(min = 1, max = BatchDecisionRequest.MAX_NUMBERS) List<String> phones) {

    public static final int MAX_NUMBERS = 10_000;
}
