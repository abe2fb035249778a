package io.dialright.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The {@code SubjectRevoked} event in the Dialright envelope (API.md), written by hand with Jackson because this
 * module cannot use the platform's {@code EventCodec}: {@code {eventId, eventType, schemaVersion, occurredAt,
 * producer, key, actor, payload: {subject, effectiveAt, reason}}}, key = subject, headers {@code eventId} and
 * {@code eventType}. Decoding needs only the payload, so additive changes to the envelope never stop the feed.
 */
public final class SubjectRevokedCodec {

    public static final String EVENT_TYPE = "SubjectRevoked";
    public static final int SCHEMA_VERSION = 1;
    /** The header names of the platform's {@code EventHeaders}. */
    public static final String EVENT_ID_HEADER = "eventId";
    public static final String EVENT_TYPE_HEADER = "eventType";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SubjectRevokedCodec() {
    }

    /** The record a producer sends: key = subject, the envelope as value, {@code eventId}/{@code eventType} headers. */
    public static ProducerRecord<String, byte[]> record(Revocation revocation, Revoker revoker, String producer) {
        UUID eventId = UUID.randomUUID();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(AccessTopic.NAME, revocation.subject(),
                encode(eventId, Instant.now(), producer, revoker, revocation));
        record.headers().add(EVENT_ID_HEADER, eventId.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EVENT_TYPE_HEADER, EVENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    public static byte[] encode(UUID eventId, Instant occurredAt, String producer, Revoker revoker,
                                Revocation revocation) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("eventId", eventId.toString());
        envelope.put("eventType", EVENT_TYPE);
        envelope.put("schemaVersion", SCHEMA_VERSION);
        envelope.put("occurredAt", occurredAt.toString());
        envelope.put("producer", producer);
        envelope.put("key", revocation.subject());
        if (revoker != null) {
            ObjectNode actor = envelope.putObject("actor");
            actor.put("subject", revoker.subject());
            actor.put("role", String.join(",", revoker.roles()));
            if (revoker.team() != null) {
                actor.put("team", revoker.team());
            }
        }
        ObjectNode payload = envelope.putObject("payload");
        payload.put("subject", revocation.subject());
        payload.put("effectiveAt", revocation.effectiveAt().toString());
        payload.put("reason", revocation.reason());
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new IllegalStateException("A SubjectRevoked event cannot be serialised", e);
        }
    }

    /**
     * The revocation in a record's value.
     *
     * @throws InvalidRevocationException if the value is not a {@code SubjectRevoked} envelope with a subject and an
     *                                    ISO-8601 {@code effectiveAt}; the message names no value of the record
     */
    public static Revocation decode(byte[] value) {
        if (value == null || value.length == 0) {
            throw new InvalidRevocationException("empty value (a tombstone: revocations are never withdrawn)");
        }
        JsonNode envelope;
        try {
            envelope = JSON.readTree(value);
        } catch (IOException e) {
            // Not the parser's message: it quotes the offending text.
            throw new InvalidRevocationException("value is not JSON");
        }
        if (envelope == null || !envelope.isObject()) {
            throw new InvalidRevocationException("value is not a JSON object");
        }
        if (!EVENT_TYPE.equals(envelope.path("eventType").asText(null))) {
            throw new InvalidRevocationException("eventType is not " + EVENT_TYPE);
        }
        JsonNode payload = envelope.path("payload");
        String subject = payload.path("subject").asText("");
        if (!payload.path("subject").isTextual() || subject.isBlank()) {
            throw new InvalidRevocationException("payload.subject is missing or not a non-empty string");
        }
        JsonNode reason = payload.path("reason");
        return new Revocation(subject, instant(payload.path("effectiveAt")),
                reason.isTextual() ? reason.asText() : "");
    }

    private static Instant instant(JsonNode effectiveAt) {
        if (!effectiveAt.isTextual()) {
            throw new InvalidRevocationException("payload.effectiveAt is missing or not a string");
        }
        String text = effectiveAt.asText();
        try {
            return Instant.parse(text);
        } catch (DateTimeException notUtc) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException e) {
                throw new InvalidRevocationException("payload.effectiveAt is not an ISO-8601 instant");
            }
        }
    }
}
