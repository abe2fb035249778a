package io.dialright.consent.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.dialright.consent.domain.CustomerChannel;
import io.dialright.consent.domain.PrivacyRequestType;

/** Body of {@code POST /api/privacy-requests}: what is asked, for which number, through which channel, by whom. */
public record PrivacyRequestRequest(
        @NotNull PrivacyRequestType type,
        @NotBlank String phone,
        @NotNull CustomerChannel channel,
        @NotBlank @Size(max = 200) String requester) {
}
