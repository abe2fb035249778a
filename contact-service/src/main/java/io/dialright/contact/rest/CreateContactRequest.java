package io.dialright.contact.rest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.dialright.contact.domain.ContactStatus;

/**
 * A new contact. Ids, timestamps and the stored form of numbers are the server's: a client-sent {@code id} is
 * ignored. {@code team} is honoured for machine clients only; people create contacts in their own team.
 */
public record CreateContactRequest(
        @NotBlank @Size(max = 200) String name,
        @Email @Size(max = 320) String email,
        @NotEmpty @Size(max = 20) List<@Valid @NotNull PhoneInput> phones,
        @Size(max = 50) List<@NotBlank @Size(max = 64) String> tags,
        ContactStatus status,
        @Valid @NotNull SourceInput source,
        @Valid TimeWindow preferredCallTime,
        @Size(max = 64) String timeZone,
        @Size(max = 64) String team,
        Boolean allowDuplicate) {
}
