package io.dialright.consent;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.Topics;
import io.dialright.testsupport.TopicProbe;

/**
 * Events of contact-service, dialer-service and telephony platforms, published on their real topics with their
 * payloads, as those services' outbox relays would: they tell this service who may reach which contact and what was
 * done with a number.
 */
final class OtherServices {

    private OtherServices() {
    }

    /** contact-service: a contact of {@code team} with one number, created by {@code by}. */
    static EventEnvelope contactCreated(String contactId, String team, String phoneHash, String masked, Actor by) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("contactId", contactId);
        payload.put("status", "ACTIVE");
        payload.put("tags", List.of());
        payload.put("team", team);
        payload.put("source", Map.of("channel", "WEB_FORM"));
        payload.put("phones", List.of(Map.of("phoneId", UUID.randomUUID().toString(), "phoneHash", phoneHash,
                "masked", masked, "type", "MOBILE", "region", "RU", "label", "main")));
        payload.put("changed", List.of());
        payload.put("at", Instant.now().toString());
        EventEnvelope event = EventEnvelope.create("contact-service", "ContactCreated", contactId, by, payload);
        TopicProbe.publish(Topics.CONTACTS, event);
        return event;
    }

    /** contact-service: {@code mergedId} is gone, its data now {@code survivorId}'s. */
    static void contactsMerged(String survivorId, String mergedId, String phoneHash) {
        TopicProbe.publish(Topics.CONTACTS, EventEnvelope.create("contact-service", "ContactsMerged", survivorId,
                new Actor("supervisor-1", "supervisor", "team-a"), Map.of("survivorId", survivorId,
                        "mergedId", mergedId, "phoneHashes", List.of(phoneHash),
                        "mergedAt", Instant.now().toString())));
    }

    /** contact-service: the contact was erased (on an erasure not asked for here, so without a request id). */
    static void contactErased(String contactId, String phoneHash) {
        TopicProbe.publish(Topics.CONTACTS, EventEnvelope.create("contact-service", "ContactErased", phoneHash,
                Actor.system("contact-service"), Map.of("phoneHash", phoneHash, "contactIds", List.of(contactId),
                        "numbersErased", 1, "erasedAt", Instant.now().toString())));
    }

    /** dialer-service: the contact was handed out to the operator at {@code at} (keyed by the contact id). */
    static void callScheduled(String contactId, String operatorId, String team, Instant at) {
        TopicProbe.publish(Topics.DIALER, EventEnvelope.create("dialer-service", "CallScheduled", contactId,
                new Actor(operatorId, "operator", team), Map.of("contactId", contactId,
                        "campaignId", UUID.randomUUID().toString(), "operatorId", operatorId, "operatorTeam", team,
                        "scheduledAt", at.toString(), "leaseId", UUID.randomUUID().toString(),
                        "leaseExpiresAt", at.plusSeconds(300).toString())));
    }

    /**
     * dialer-service: a completed call of the number (keyed by its blind index, as the dialer does for a call that
     * names no contact); {@code campaignId} and {@code durationSec} may be {@code null}. Returned for redelivery.
     */
    static EventEnvelope callCompletedOf(String phoneHash, String callId, String campaignId, String direction,
                                         String outcome, Integer durationSec, Instant at) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("callId", callId);
        payload.put("campaignId", campaignId);
        payload.put("contactId", null);
        payload.put("phoneHash", phoneHash);
        payload.put("masked", "+7 (916) ***-**-00");
        payload.put("direction", direction);
        payload.put("operatorId", "operator-5");
        payload.put("outcome", outcome);
        payload.put("durationSec", durationSec);
        payload.put("occurredAt", at.toString());
        EventEnvelope event = EventEnvelope.create("dialer-service", "CallCompleted", phoneHash,
                new Actor("operator-5", "operator", "team-a"), payload);
        TopicProbe.publish(Topics.DIALER, event);
        return event;
    }

    /**
     * A telephony platform: a call event of {@code type} ({@code CALL_STARTED}, {@code CALL_COMPLETED}) with the
     * number in plaintext, as {@code POST /api/call-events} takes it; keyed by the number's blind index. Returned for
     * redelivery.
     */
    static EventEnvelope telephonyCall(String type, String phone, String phoneHash, String callId, String outcome,
                                       Instant at) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("eventId", UUID.randomUUID().toString());
        payload.put("type", type);
        payload.put("callId", callId);
        payload.put("phone", phone);
        payload.put("direction", "INBOUND");
        payload.put("operatorId", "operator-5");
        payload.put("outcome", outcome);
        payload.put("durationSec", 61);
        payload.put("occurredAt", at.toString());
        EventEnvelope event = EventEnvelope.create("pbx-1", type, phoneHash, new Actor("pbx-1", "integration", null),
                payload);
        TopicProbe.publish(Topics.TELEPHONY_CALL_EVENTS, event);
        return event;
    }

    /** contact-service: one part of a downloaded export's numbers (keyed by the export id). Returned for redelivery. */
    static EventEnvelope contactsExported(String exportId, boolean pseudonymised, Instant downloadedAt, int part,
                                          int parts, List<String> phoneHashes) {
        EventEnvelope event = EventEnvelope.create("contact-service", "ContactsExported", exportId,
                new Actor("supervisor-1", "supervisor", "team-a"), Map.of("exportId", exportId,
                        "requestedBy", "supervisor-1", "approvedBy", "supervisor-2", "pseudonymised", pseudonymised,
                        "downloadedAt", downloadedAt.toString(), "part", part, "parts", parts,
                        "phoneHashes", phoneHashes));
        TopicProbe.publish(Topics.CONTACTS, event);
        return event;
    }

    /** dialer-service: the operator's call with the customer ended at {@code at} (keyed by the contact id). */
    static void callCompleted(String contactId, String operatorId, String outcome, Instant at) {
        String callId = "call-" + UUID.randomUUID();
        TopicProbe.publish(Topics.DIALER, EventEnvelope.create("dialer-service", "CallCompleted", contactId,
                Actor.system("dialer-service"), Map.of("callId", callId, "contactId", contactId,
                        "direction", "OUTBOUND", "operatorId", operatorId, "outcome", outcome, "durationSec", 42,
                        "occurredAt", at.toString())));
    }
}
