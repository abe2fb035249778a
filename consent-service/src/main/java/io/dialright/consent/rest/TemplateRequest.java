package io.dialright.consent.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.dialright.consent.domain.Purpose;
import io.dialright.consent.service.TemplateService;

/**
 * Body of {@code POST /api/consent-templates} (a new version of {@code code}) and {@code PUT …/{id}} (a correction
 * of a version nobody has seen). The fields are what 152-FZ art. 9 asks a consent to state; {@code body} is the
 * exact text shown; {@code frequency} ("up to 4 calls a month") goes into the double opt-in SMS.
 */
public record TemplateRequest(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{0,63}",
                message = "must be 1-64 lowercase letters, digits, dots, dashes or underscores") String code,
        @NotNull Purpose purpose,
        @NotBlank @Size(max = 300) String companyName,
        @NotBlank String inn,
        @NotBlank @Size(max = 500) String companyAddress,
        @NotBlank @Size(max = 2000) String dataComposition,
        @NotBlank @Size(max = 2000) String processingMethods,
        @NotBlank @Size(max = 500) String term,
        @NotBlank @Size(max = 1000) String revocation,
        @Size(max = 200) String frequency,
        @NotBlank @Size(max = 20000) String body) {

    TemplateService.Content content() {
        return new TemplateService.Content(code, purpose, companyName, inn, companyAddress, dataComposition,
                processingMethods, term, revocation, frequency, body);
    }
}
