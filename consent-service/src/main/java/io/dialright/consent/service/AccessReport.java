package io.dialright.consent.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.dialright.consent.domain.CustomerChannel;
import io.dialright.consent.domain.PrivacyRequestStatus;
import io.dialright.consent.domain.PrivacyRequestType;

/**
 * The answer to "who has my number and why" (K-8) as far as consent-service knows it: where the number came from
 * (contact-service's {@code ContactCreated}), every consent with its proof and history, the stop list, the national
 * registry, the calls made (the dialer's and telephony platforms' completed calls; the newest
 * {@link AccessReports#LISTED} of {@code callsTotal}), the exports that held it (contact-service's
 * {@code ContactsExported}; likewise), erasure and earlier requests. {@code elsewhere} names what other services hold
 * and where to find it.
 */
public record AccessReport(String number, Instant generatedAt, List<Source> sources, List<ConsentDetails> consents,
                           List<StopListItem> stopList, Registry nationalRegistry, List<Call> calls, long callsTotal,
                           List<Export> exports, long exportsTotal, Erasure erased, List<Request> privacyRequests,
                           List<String> elsewhere) {

    /** A contact that holds the number and the channel the number came through. */
    public record Source(UUID contactId, String label, String numberType, String channel, String campaign,
                         Instant createdAt) {
    }

    /** A stop-list entry, removed ones too. */
    public record StopListItem(UUID id, CustomerChannel channel, String source, Instant recordedAt,
                               Instant removedAt, String removalReason) {
    }

    /** The registry version in force and whether the number is in it. */
    public record Registry(int version, boolean listed) {
    }

    /** A call made to or from the number ({@code campaignId} and {@code durationSec} when the report had them). */
    public record Call(String callId, UUID campaignId, String direction, String outcome, String operatorId,
                       Instant occurredAt, Integer durationSec) {
    }

    /** An export whose downloaded archive held the number (a pseudonymised one held a fictitious stand-in). */
    public record Export(UUID exportId, String requestedBy, String approvedBy, boolean pseudonymised,
                         Instant downloadedAt) {
    }

    /** The erasure that blocks the number for good. */
    public record Erasure(UUID privacyRequestId, Instant erasedAt) {
    }

    /** Another privacy request about the number. */
    public record Request(UUID id, PrivacyRequestType type, PrivacyRequestStatus status, Instant receivedAt,
                          Instant completedAt) {
    }
}
