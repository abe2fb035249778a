package io.dialright.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dialright.access.Revocation;
import io.dialright.access.Revoker;
import io.dialright.access.SubjectRevokedCodec;
import org.junit.jupiter.api.Test;

/** access-list writes the envelope by hand; it must stay the platform's envelope in both directions. */
class SubjectRevokedEnvelopeTest {

    private static final Revocation REVOCATION =
            new Revocation("operator-7", Instant.parse("2026-11-28T10:00:00.700Z"), "dismissed");

    @Test
    void theAccessListEnvelopeIsAPlatformEnvelope() {
        UUID eventId = UUID.randomUUID();
        Instant occurredAt = Instant.parse("2026-11-28T10:00:01Z");

        EventEnvelope envelope = EventCodec.decode(SubjectRevokedCodec.encode(eventId, occurredAt, "gateway",
                new Revoker("admin-1", List.of("supervisor", "admin"), "team-a"), REVOCATION));

        assertThat(envelope.eventId()).isEqualTo(eventId);
        assertThat(envelope.eventType()).isEqualTo("SubjectRevoked");
        assertThat(envelope.schemaVersion()).isEqualTo(1);
        assertThat(envelope.occurredAt()).isEqualTo(occurredAt);
        assertThat(envelope.producer()).isEqualTo("gateway");
        assertThat(envelope.key()).isEqualTo("operator-7");
        assertThat(envelope.actor()).isEqualTo(new Actor("admin-1", "admin,supervisor", "team-a"));
        assertThat(envelope.payload().path("effectiveAt").asText()).isEqualTo("2026-11-28T10:00:00.700Z");
    }

    @Test
    void aPlatformEnvelopeIsReadByTheAccessList() {
        EventEnvelope envelope = EventEnvelope.create("gateway", "SubjectRevoked", "operator-7",
                new Actor("admin-1", "admin", null), Map.of("subject", "operator-7",
                        "effectiveAt", REVOCATION.effectiveAt(), "reason", "dismissed"));

        assertThat(SubjectRevokedCodec.decode(EventCodec.encode(envelope))).isEqualTo(REVOCATION);
    }
}
