package io.dialright.contact.exports;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An export request as its requester and the team's supervisors see it; the contact list itself is not shown. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportView(UUID id, ExportRequest.Status status, boolean pseudonymised, UUID segmentId,
                         Integer listedContacts, String reason, String team, String requestedBy, Instant requestedAt,
                         String decidedBy, Instant decidedAt, Instant downloadableUntil, Instant downloadedAt,
                         Integer contacts) {
}
