package io.dialright.dialer.campaign;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** One script of an A/B test and its share of the campaign's contacts. */
public record ScriptVariant(@NotBlank @Size(max = 100) String name, @Positive @Max(1000) int weight) {
}
