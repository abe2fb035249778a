package io.dialright.contact.exports;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What to export: a segment of the team or listed contacts (exactly one of them), in full or pseudonymised, and
 * why — the reason is kept for the approver and the audit.
 */
public record ExportRequestInput(UUID segmentId, @Size(max = 10_000) List<@NotNull UUID> contactIds,
                                 boolean pseudonymised, @NotBlank @Size(max = 500) String reason) {
}
