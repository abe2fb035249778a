package io.dialright.contact.imports;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An import's progress and outcome: {@code processed} of {@code total} records; each was {@code imported}, a
 * {@code duplicate} (its number already known) or {@code rejected} — the first rejections ({@code errors}) and the
 * first duplicates ({@code duplicateLines}) with line and reason.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportJobView(UUID id, ImportJob.Status status, ImportFormat format, String fileName, Long total,
                            long processed, long imported, long duplicates, long rejected, List<Error> errors,
                            List<Duplicate> duplicateLines, String failure, Instant createdAt, Instant startedAt,
                            Instant finishedAt) {

    public record Error(long line, String reason) {
    }

    public record Duplicate(long line, String reason) {
    }
}
