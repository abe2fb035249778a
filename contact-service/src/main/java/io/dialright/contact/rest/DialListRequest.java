package io.dialright.contact.rest;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/contacts/dial-list}: the contacts a campaign is about to call, at most 1,000 at once. */
public record DialListRequest(@NotNull @NotEmpty @Size(max = 1000) List<@NotNull UUID> contactIds) {
}
