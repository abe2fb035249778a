package io.dialright.contact;

import static io.dialright.contact.Fixtures.SUPERVISOR_A;
import static io.dialright.contact.Fixtures.WEB_FORM;
import static io.dialright.contact.Fixtures.createdBy;
import static io.dialright.contact.Fixtures.freshMobile;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.dialright.contact.lookup.CallerCache;
import io.dialright.contact.messaging.ConsentSummaryConsumer;
import io.dialright.localstack.Rows;
import io.dialright.platform.crypto.BlindIndex;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.Topics;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.dialright.testsupport.ShiftableClock;
import io.dialright.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The consent summary of the caller-ID card (C-4), kept from consent-service's events: what the operator sees of the
 * number's consents and stop listing, changed as the events arrive, also for a caller held in memory.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "contact"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
@QuarkusTestResource(EncryptionKeysResource.class)
class LookupConsentsTest {

    private static final Duration EVENTS = Duration.ofSeconds(20);

    @Inject
    BlindIndex blindIndex;
    @Inject
    CallerCache cache;
    @Inject
    ShiftableClock clock;
    @Inject
    DataSource dataSource;
    @Inject
    ConsentSummaryConsumer summaries;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theCardShowsTheLatestConsentOfEachPurposeAndTheStopListingAsAnnounced() {
        String e164 = freshMobile();
        String hash = blindIndex.of(e164);
        createdBy(WEB_FORM, "Taisia", e164);
        heldAfterLookingUp(e164);
        lookup(e164).body("consents.stopListed", equalTo(false)).body("consents.byPurpose", empty());

        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID orderStatus = UUID.randomUUID();
        String stopListEntry = UUID.randomUUID().toString();
        publish("ConsentGranted", consent(UUID.randomUUID(), hash, "MARKETING", "VOICE", "CONSENT",
                now.plus(Duration.ofDays(365)), now.minusSeconds(60)));
        publish("ConsentGranted", consent(UUID.randomUUID(), hash, "SURVEYS", "VOICE", "CONSENT",
                now.plus(Duration.ofHours(1)), now.minusSeconds(60)));
        publish("ConsentGranted", consent(orderStatus, hash, "ORDER_STATUS", "SMS", "CONTRACT", null,
                now.minusSeconds(50)));
        publish("ConsentRevoked", consent(orderStatus, hash, "ORDER_STATUS", "SMS", "CONTRACT", null,
                now.minusSeconds(40)));
        publish("OptOutRecorded", Map.of("stopListEntryId", stopListEntry, "phoneHash", hash,
                "masked", "+7 (916) ***-**-00", "channel", "VOICE", "source", "CALL", "reason", "asked on the call",
                "recordedAt", now.minusSeconds(30).toString()));

        await().atMost(EVENTS).untilAsserted(() -> lookup(e164)
                .body("consents.stopListed", equalTo(true))
                .body("consents.stopListing.channel", equalTo("VOICE"))
                .body("consents.stopListing.since", equalTo(now.minusSeconds(30).toString()))
                .body("consents.byPurpose.purpose", contains("MARKETING", "ORDER_STATUS", "SURVEYS"))
                .body("consents.byPurpose.status", contains("ACTIVE", "REVOKED", "ACTIVE"))
                .body("consents.byPurpose[1].legalBasis", equalTo("CONTRACT"))
                .body("consents.byPurpose[1].validUntil", nullValue()));

        // A consent for one more purpose, alone, reaches a caller held in memory.
        heldAfterLookingUp(e164);
        publish("ConsentGranted", consent(UUID.randomUUID(), hash, "EMERGENCY", "VOICE", "VITAL_INTERESTS", null,
                now.minusSeconds(20)));
        await().atMost(EVENTS).untilAsserted(() -> lookup(e164)
                .body("consents.byPurpose.purpose", contains("EMERGENCY", "MARKETING", "ORDER_STATUS", "SURVEYS")));

        // An hour and a minute on, nothing announced: the survey consent has run out.
        heldAfterLookingUp(e164);
        clock.shift(Duration.ofMinutes(61));
        lookup(e164).body("consents.byPurpose.status", contains("ACTIVE", "ACTIVE", "REVOKED", "EXPIRED"));
    }

    @Test
    void aWithdrawnPendingConsentOrAnotherEntrysRemovalChangesNothingAndItsOwnRemovalDoes() {
        String e164 = freshMobile();
        String hash = blindIndex.of(e164);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String entry = UUID.randomUUID().toString();
        publish("ConsentGranted", consent(UUID.randomUUID(), hash, "MARKETING", "SMS", "CONSENT", null, now));
        publish("OptOutRecorded", Map.of("stopListEntryId", entry, "phoneHash", hash, "channel", "SMS",
                "recordedAt", now.toString()));
        // A number no contact holds: its card is empty, its consents are still shown.
        await().atMost(EVENTS).untilAsserted(() -> lookup(e164).body("found", equalTo(false))
                .body("consents.stopListed", equalTo(true))
                .body("consents.byPurpose.status", contains("ACTIVE")));

        // A second consent of the purpose waited for its SMS code and was withdrawn: the active one stays.
        publish("ConsentRevoked", consent(UUID.randomUUID(), hash, "MARKETING", "SMS", "CONSENT", null,
                now.plusSeconds(1)));
        EventEnvelope otherEntry = publish("StopListEntryRemoved", Map.of("stopListEntryId",
                UUID.randomUUID().toString(), "phoneHash", hash));
        awaitApplied(otherEntry);
        lookup(e164).body("consents.byPurpose.status", contains("ACTIVE")).body("consents.stopListed", equalTo(true));

        publish("StopListEntryRemoved", Map.of("stopListEntryId", entry, "phoneHash", hash));
        // Shown once the removal is: the revocation before it reached the card too, and changed nothing.
        await().atMost(EVENTS).untilAsserted(() -> lookup(e164).body("consents.stopListed", equalTo(false))
                .body("consents.stopListing", nullValue())
                .body("consents.byPurpose.status", contains("ACTIVE")));
    }

    /** The summary's own consumer forgets an erased number, whichever of the service's consumers runs first. */
    @Test
    void theSummaryConsumerAloneForgetsAnErasedNumberAndKeepsItsTombstone() throws Exception {
        String e164 = freshMobile();
        String hash = blindIndex.of(e164);
        EventEnvelope optOut = publish("OptOutRecorded", Map.of("stopListEntryId", UUID.randomUUID().toString(),
                "phoneHash", hash, "channel", "VOICE", "recordedAt", Instant.now().toString()));
        awaitApplied(optOut);
        UUID requestId = UUID.randomUUID();
        EventEnvelope erasure = EventEnvelope.create("consent-service", "ErasureRequested", hash,
                Actor.system("consent-service"), Map.of("privacyRequestId", requestId.toString(), "phoneHash", hash));

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            summaries.handle(erasure, connection);
            connection.commit();
        }

        Rows rows = new Rows(dataSource);
        assertThat(rows.count("SELECT count(*) FROM caller_stop_listing WHERE phone_hash = ?", hash)).isZero();
        assertThat(rows.count("SELECT count(*) FROM erased_number WHERE phone_hash = ? AND privacy_request_id = ?",
                hash, requestId)).isEqualTo(1);
        lookup(e164).body("consents.erased", equalTo(true)).body("routing.rule", equalTo("ERASED_NUMBER"));
    }

    private static Map<String, Object> consent(UUID consentId, String hash, String purpose, String channel,
                                               String legalBasis, Instant validUntil, Instant at) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("consentId", consentId.toString());
        payload.put("contactId", UUID.randomUUID().toString());
        payload.put("phoneHash", hash);
        payload.put("masked", "+7 (916) ***-**-00");
        payload.put("purpose", purpose);
        payload.put("channel", channel);
        payload.put("legalBasis", legalBasis);
        payload.put("validUntil", validUntil == null ? null : validUntil.toString());
        payload.put("at", at.toString());
        return payload;
    }

    private static EventEnvelope publish(String type, Map<String, Object> payload) {
        EventEnvelope event = EventEnvelope.create("consent-service", type, (String) payload.get("phoneHash"),
                Actor.system("consent-service"), payload);
        TopicProbe.publish(Topics.CONSENTS, event);
        return event;
    }

    /** Waits until the summary consumer has applied the event (its id is recorded with what it did). */
    private void awaitApplied(EventEnvelope event) {
        await().atMost(EVENTS).until(() -> new Rows(dataSource).count("SELECT count(*) FROM processed_event "
                + "WHERE consumer_group = 'contact-service.consent-summary' AND event_id = ?", event.eventId()) == 1);
    }

    /** Looks the number up until the cache holds it. */
    private void heldAfterLookingUp(String e164) {
        String hash = blindIndex.of(e164);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            lookup(e164);
            return cache.holds(hash);
        });
    }

    private static ValidatableResponse lookup(String e164) {
        return given().auth().oauth2(SUPERVISOR_A).queryParam("number", e164).get("/api/lookup").then()
                .statusCode(200);
    }
}
