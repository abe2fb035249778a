package io.dialright.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectRevokedCodecTest {

    private static final Revocation REVOCATION =
            new Revocation("operator-7", Instant.parse("2026-11-28T10:00:00.700Z"), "dismissed");
    private static final Revoker ADMIN = new Revoker("admin-1", List.of("supervisor", "admin"), null);

    @Test
    void theRecordIsKeyedBySubjectWithTheEnvelopeAndItsHeaders() throws Exception {
        ProducerRecord<String, byte[]> record = SubjectRevokedCodec.record(REVOCATION, ADMIN, "gateway");

        assertThat(record.topic()).isEqualTo("dialright.access.v1");
        assertThat(record.key()).isEqualTo("operator-7");
        JsonNode envelope = new ObjectMapper().readTree(record.value());
        assertThat(envelope.path("eventType").asText()).isEqualTo("SubjectRevoked");
        assertThat(envelope.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(envelope.path("producer").asText()).isEqualTo("gateway");
        assertThat(envelope.path("key").asText()).isEqualTo("operator-7");
        assertThat(Instant.parse(envelope.path("occurredAt").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(envelope.path("actor").path("subject").asText()).isEqualTo("admin-1");
        assertThat(envelope.path("actor").path("role").asText()).isEqualTo("admin,supervisor");
        assertThat(envelope.path("actor").has("team")).isFalse();
        assertThat(envelope.path("payload").path("subject").asText()).isEqualTo("operator-7");
        assertThat(envelope.path("payload").path("effectiveAt").asText()).isEqualTo("2026-11-28T10:00:00.700Z");
        assertThat(envelope.path("payload").path("reason").asText()).isEqualTo("dismissed");
        assertThat(header(record, "eventId")).isEqualTo(envelope.path("eventId").asText());
        assertThat(UUID.fromString(header(record, "eventId"))).isNotNull();
        assertThat(header(record, "eventType")).isEqualTo("SubjectRevoked");
    }

    @Test
    void decodingGivesBackTheRevocation() {
        byte[] value = SubjectRevokedCodec.encode(UUID.randomUUID(), Instant.now(), "gateway", ADMIN, REVOCATION);

        assertThat(SubjectRevokedCodec.decode(value)).isEqualTo(REVOCATION);
    }

    @Test
    void anOffsetInstantAndUnknownFieldsAreAccepted() {
        String json = """
                {"eventId":"%s","eventType":"SubjectRevoked","schemaVersion":2,"occurredAt":"2026-11-28T10:00:01Z",
                 "producer":"gateway","key":"operator-7","newField":{"x":1},
                 "payload":{"subject":"operator-7","effectiveAt":"2026-11-28T13:00:00+03:00","extra":true}}
                """.formatted(UUID.randomUUID());

        assertThat(SubjectRevokedCodec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new Revocation("operator-7", Instant.parse("2026-11-28T10:00:00Z"), ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "operator-7 is dismissed",
            "[\"operator-7\"]",
            "{\"eventType\":\"SubjectRestored\",\"payload\":{\"subject\":\"operator-7\",\"effectiveAt\":\"2026-11-28T10:00:00Z\"}}",
            "{\"eventType\":\"SubjectRevoked\",\"payload\":{\"effectiveAt\":\"2026-11-28T10:00:00Z\"}}",
            "{\"eventType\":\"SubjectRevoked\",\"payload\":{\"subject\":\"  \",\"effectiveAt\":\"2026-11-28T10:00:00Z\"}}",
            "{\"eventType\":\"SubjectRevoked\",\"payload\":{\"subject\":\"operator-7\"}}",
            "{\"eventType\":\"SubjectRevoked\",\"payload\":{\"subject\":\"operator-7\",\"effectiveAt\":\"yesterday operator-7\"}}",
            "{\"eventType\":\"SubjectRevoked\",\"payload\":{\"subject\":\"operator-7\",\"effectiveAt\":1764324000}}"})
    void whatIsNotASubjectRevokedIsRefusedWithAMessageThatQuotesNothing(String value) {
        assertThatThrownBy(() -> SubjectRevokedCodec.decode(value.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidRevocationException.class)
                .message().doesNotContain("operator-7").doesNotContain("dismissed");
    }

    @Test
    void aTombstoneIsRefused() {
        assertThatThrownBy(() -> SubjectRevokedCodec.decode(null))
                .isInstanceOf(InvalidRevocationException.class)
                .hasMessageContaining("tombstone");
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
