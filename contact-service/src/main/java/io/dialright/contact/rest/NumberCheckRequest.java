package io.dialright.contact.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Body of {@code POST /api/contacts/number-checks}: a number as typed, and optionally the region to read it in
 * when it has no country code (the configured default region otherwise).
 */
public record NumberCheckRequest(@NotBlank String number, @Pattern(regexp = "[A-Za-z]{2}") String region) {
}
