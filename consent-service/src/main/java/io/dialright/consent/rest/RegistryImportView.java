package io.dialright.consent.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dialright.consent.domain.RegistryImport;
import io.dialright.consent.domain.RegistryImportStatus;

/**
 * Progress and outcome of a registry import, in the words of contact imports: lines in the file ({@code total}), read
 * so far ({@code processed}), numbers put on the registry ({@code imported}), duplicates among them, rejected lines
 * with the first {@code errors}. The version is in force once {@code status} is {@code COMPLETED} ({@code inForce}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistryImportView(UUID id, int version, RegistryImportStatus status, boolean inForce,
                                 String fileName, long total, long processed, long imported, long duplicates,
                                 long rejected, List<LineError> errors, String failure, String createdBy,
                                 Instant startedAt, Instant completedAt) {

    /** A rejected line and why. */
    public record LineError(long line, String reason) {
    }

    static RegistryImportView of(RegistryImport found, List<LineError> errors) {
        return new RegistryImportView(found.id, found.version, found.status,
                found.status == RegistryImportStatus.COMPLETED, found.fileName, found.total, found.processed,
                found.listed, found.duplicates, found.rejected, errors, found.failure, found.createdBy,
                found.startedAt, found.completedAt);
    }
}
