package io.dialright.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialright.platform.events.Topics;
import org.junit.jupiter.api.Test;

class ParkedValuesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTelephonyEventKeepsItsIdsAndOutcomeAndLosesTheNumberWhereverItIs() throws Exception {
        String event = """
                {"eventId":"0b7d6a52-5c1e-4d55-9f59-1f0e8a1c2d3e","eventType":"CallCompleted","key":"+79161234567",
                 "occurredAt":"2026-12-01T10:15:00Z","actor":{"subject":"pbx-1","role":"integration"},
                 "payload":{"type":"CALL_COMPLETED","callId":"call-77","phone":"8 (916) 123-45-67",
                            "caller":79031234567,"recordingRef":"rec/79161234567.wav","outcome":"SALE",
                            "durationSec":42,"also":["+7 903 765-43-21"]}}""";

        JsonNode stored = JSON.readTree(ParkedValues.storableValue(Topics.TELEPHONY_CALL_EVENTS,
                event.getBytes(StandardCharsets.UTF_8)));

        assertThat(stored.path("eventId").asText()).isEqualTo("0b7d6a52-5c1e-4d55-9f59-1f0e8a1c2d3e");
        assertThat(stored.path("occurredAt").asText()).isEqualTo("2026-12-01T10:15:00Z");
        assertThat(stored.path("actor").path("subject").asText()).isEqualTo("pbx-1");
        JsonNode payload = stored.path("payload");
        assertThat(payload.path("callId").asText()).isEqualTo("call-77");
        assertThat(payload.path("outcome").asText()).isEqualTo("SALE");
        assertThat(payload.path("durationSec").asInt()).isEqualTo(42);
        assertThat(payload.path("phone").asText()).isEqualTo("* (***) ***-**-67");
        assertThat(payload.path("caller").asText()).isEqualTo("*********67");
        assertThat(payload.path("recordingRef").asText()).isEqualTo("rec/*********67.wav");
        assertThat(payload.path("also").get(0).asText()).isEqualTo("+* *** ***-**-21");
        assertThat(stored.path("key").asText()).isEqualTo("+*********67");
    }

    @Test
    void aFieldMeantForAnIdLosesANumberSentInItButKeepsIdsAndTimes() throws Exception {
        String event = """
                {"eventId":"0b7d6a52-5c1e-4d55-9f59-1f0e8a1c2d3e","occurredAt":"2026-12-01T10:15:00.123+03:00",
                 "payload":{"callId":"79161234567","contactId":"4d2a1b10-1234-5678-9012-345678901234",
                            "durationSec":42}}""";

        JsonNode stored = JSON.readTree(ParkedValues.storableValue(Topics.TELEPHONY_CALL_EVENTS,
                event.getBytes(StandardCharsets.UTF_8)));

        assertThat(stored.path("payload").path("callId").asText()).isEqualTo("*********67");
        assertThat(stored.path("payload").path("contactId").asText()).isEqualTo("4d2a1b10-1234-5678-9012-345678901234");
        assertThat(stored.path("payload").path("durationSec").asInt()).isEqualTo(42);
        assertThat(stored.path("occurredAt").asText()).isEqualTo("2026-12-01T10:15:00.123+03:00");
        assertThat(ParkedValues.storableError(Topics.TELEPHONY_CALL_EVENTS,
                "Cannot deserialize value of type `java.util.UUID` from String \"8 916 123-45-67\""))
                .isEqualTo("Cannot deserialize value of type `java.util.UUID` from String \"* *** ***-**-67\"");
        assertThat(ParkedValues.storableError(Topics.DIALER, "call 79161234567")).isEqualTo("call 79161234567");
    }

    @Test
    void aMessageThatIsNotJsonKeepsOnlyItsLastTwoDigits() {
        byte[] stored = ParkedValues.storableValue(Topics.SMS, "to=+79161234567".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(stored, StandardCharsets.UTF_8)).isEqualTo("to=+*********67");
    }

    @Test
    void keysThatAreIdsStayAndOtherKeysOfNumberTopicsAreMasked() {
        String id = "0b7d6a52-5c1e-4d55-9f59-1f0e8a1c2d3e";

        assertThat(ParkedValues.storableKey(Topics.TELEPHONY_CALL_EVENTS, id)).isEqualTo(id);
        assertThat(ParkedValues.storableKey(Topics.TELEPHONY_CALL_EVENTS, "79161234567")).isEqualTo("*********67");
        assertThat(ParkedValues.storableKey(Topics.CONTACTS, "79161234567")).isEqualTo("79161234567");
        String blindIndex = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        assertThat(ParkedValues.storableKey(Topics.SMS, blindIndex)).isEqualTo(blindIndex);
    }

    @Test
    void messagesOfTopicsWithoutPlaintextNumbersAreKeptWhole() {
        byte[] value = "{\"payload\":{\"phoneHash\":\"ab12\",\"note\":\"9161234567\"}}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(ParkedValues.storableValue(Topics.DIALER, value)).isSameAs(value);
    }
}
