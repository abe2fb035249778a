package io.dialright.consent.rest;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.dialright.consent.domain.CustomerChannel;
import io.dialright.consent.domain.PrivacyRequestStatus;
import io.dialright.consent.domain.PrivacyRequestType;

/**
 * A privacy request ticket with its timeline. Erasures list the services that confirmed and those still awaited;
 * {@code overdue} is true while an erasure is open past {@code dueBy}. Access requests carry the {@code report}.
 * {@code masked} is gone once an erasure completes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PrivacyRequestView(UUID id, PrivacyRequestType type, PrivacyRequestStatus status, String masked,
                                 CustomerChannel channel, String requester, String receivedBy, Instant receivedAt,
                                 Instant dueBy, Instant completedAt, boolean overdue, Instant overdueFlaggedAt,
                                 List<Confirmation> confirmations, Set<String> awaiting, List<Step> history,
                                 JsonNode report) {

    /** The ticket for someone who filed the request but may not read what the report says. */
    public PrivacyRequestView withoutReport() {
        return new PrivacyRequestView(id, type, status, masked, channel, requester, receivedBy, receivedAt, dueBy,
                completedAt, overdue, overdueFlaggedAt, confirmations, awaiting, history, null);
    }

    /** A service's confirmation of an erasure; {@code details} is what it reported (counts, ids). */
    public record Confirmation(String service, Instant confirmedAt, UUID eventId, JsonNode details) {
    }

    /** One step of the timeline. */
    public record Step(String step, Instant at, String by, String note) {
    }
}
