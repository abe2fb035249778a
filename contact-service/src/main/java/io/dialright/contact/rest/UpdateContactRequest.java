package io.dialright.contact.rest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.dialright.contact.domain.ContactStatus;

/**
 * A partial change: absent ({@code null}) fields stay as they are. {@code phones}, when present, is the complete new
 * list — numbers already on the contact keep their id and confirmation time, others are added (duplicate check as on
 * create), missing ones are removed. {@code timeZone: ""} and {@code email: ""} clear the value;
 * {@code clearPreferredCallTime: true} clears the preferred time.
 */
public record UpdateContactRequest(
        @Size(max = 200) String name,
        @Email @Size(max = 320) String email,
        @Size(min = 1, max = 20) List<@Valid @NotNull PhoneInput> phones,
        @Size(max = 50) List<@NotBlank @Size(max = 64) String> tags,
        ContactStatus status,
        @Valid TimeWindow preferredCallTime,
        Boolean clearPreferredCallTime,
        @Size(max = 64) String timeZone,
        Boolean allowDuplicate) {
}
