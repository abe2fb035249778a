package io.dialright.consent.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code DELETE /api/stop-list/{phone}}: why the customer may be called again (K-4). */
public record StopListRemovalRequest(@NotBlank @Size(max = 500) String reason) {
}
