package io.dialright.contact;

import static io.dialright.contact.Fixtures.SUPERVISOR_A;
import static io.dialright.contact.Fixtures.SUPERVISOR_B;
import static io.dialright.contact.Fixtures.WEB_FORM;
import static io.dialright.contact.Fixtures.callCompleted;
import static io.dialright.contact.Fixtures.callScheduled;
import static io.dialright.contact.Fixtures.createdBy;
import static io.dialright.contact.Fixtures.freshMobile;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.dialright.contact.lookup.CallerCache;
import io.dialright.platform.crypto.BlindIndex;
import io.dialright.platform.events.Topics;
import io.dialright.platform.web.RequestIds;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.dialright.testsupport.ShiftableClock;
import io.dialright.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Caller-ID lookups answered from memory ({@link CallerCache}): a repeated lookup does not read the database, and
 * still no lookup shows what a committed change made untrue, time passing included. "Unannounced" changes are made
 * with PostgreSQL's triggers switched off for the session: they are what a held answer would still show.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "contact"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
@QuarkusTestResource(EncryptionKeysResource.class)
class LookupCacheTest {

    private static final Duration SOON = Duration.ofSeconds(10);
    private static final Duration AUDIT_TIMEOUT = Duration.ofSeconds(20);

    @Inject
    DataSource dataSource;
    @Inject
    BlindIndex blindIndex;
    @Inject
    CallerCache cache;
    @Inject
    ShiftableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aRepeatedLookupIsAnsweredFromMemoryUntilAChangeToItIsAnnounced() throws SQLException {
        String e164 = freshMobile();
        UUID id = UUID.fromString(createdBy(WEB_FORM, "Vera", e164));
        heldAfterLookingUp(e164);

        changeUnannounced("UPDATE contact SET name = 'Vera (unannounced)' WHERE id = ?", id);
        lookup(e164).body("contact.name", equalTo("Vera"));

        change("UPDATE contact SET name = 'Vera Petrova' WHERE id = ?", id);
        await().atMost(SOON).untilAsserted(() -> lookup(e164).body("contact.name", equalTo("Vera Petrova")));
    }

    /**
     * A held caller is answered on the event loop when the token alone decides what the asker sees (an integration,
     * the contact's team's supervisor), and on a worker thread when the assignments decide it: each asker gets the
     * view of their own access, and each lookup its own audit entry.
     */
    @Test
    void aHeldCallerIsShownToEachAskerAsTheirOwnAccessAllows() {
        String e164 = freshMobile();
        String id = createdBy(WEB_FORM, "Inna", e164);
        heldAfterLookingUp(e164);
        String operator = Fixtures.operator("operator-41", "team-a");
        Map<String, String> requestBySubject = new LinkedHashMap<>();

        try (TopicProbe audit = TopicProbe.fromNow(Topics.AUDIT)) {
            lookupAs(WEB_FORM, e164, requestBySubject, "web-form").body("contact.phones[0].e164", equalTo(e164));
            lookupAs(SUPERVISOR_A, e164, requestBySubject, "supervisor-a")
                    .body("contact.phones[0].e164", equalTo(e164));
            lookupAs(SUPERVISOR_B, e164, requestBySubject, "supervisor-b")
                    .body("contact.phones[0].e164", nullValue()).body("contact.phones[0].masked", notNullValue());
            lookupAs(operator, e164, requestBySubject, "operator-41")
                    .body("contact.name", equalTo("Inna")).body("contact.phones[0].e164", nullValue());

            requestBySubject.forEach((subject, requestId) -> {
                TopicProbe.Received entry = audit.await(event -> "LOOKUP".equals(event.payload().path("action")
                        .asText()) && requestId.equals(event.payload().path("requestId").asText()), AUDIT_TIMEOUT);
                assertThat(entry.event().actor().subject()).isEqualTo(subject);
                assertThat(entry.event().payload().path("found").asBoolean()).isTrue();
                assertThat(entry.event().payload().path("subjectKey").asText()).isEqualTo(id);
            });
        }

        callScheduled(id, "operator-41", "team-a", Instant.now());
        await().atMost(SOON).untilAsserted(() -> lookupAs(operator, e164)
                .body("contact.phones[0].e164", equalTo(e164)));
    }

    /** A lookup with a request id of its own, noted under the asker's subject. */
    private static ValidatableResponse lookupAs(String token, String e164, Map<String, String> requestBySubject,
                                                String subject) {
        String requestId = "held-" + UUID.randomUUID();
        requestBySubject.put(subject, requestId);
        return given().auth().oauth2(token).header(RequestIds.HEADER, requestId).queryParam("number", e164)
                .get("/api/lookup").then().statusCode(200);
    }

    @Test
    void numbersAddedOrRemovedAndNewCallsReachTheNextLookups() {
        String first = freshMobile();
        String added = freshMobile();
        String id = createdBy(WEB_FORM, "Gleb", first);
        heldAfterLookingUp(first);
        lookup(added).body("found", equalTo(false));
        heldAfterLookingUp(added); // an unknown number is held too

        patchPhones(id, first, added);
        await().atMost(SOON).untilAsserted(() -> lookup(added).body("contact.id", equalTo(id)));
        await().atMost(SOON).untilAsserted(() -> lookup(first).body("contact.phones.e164", equalTo(
                List.of(first, added))));

        patchPhones(id, added);
        await().atMost(SOON).untilAsserted(() -> lookup(first).body("found", equalTo(false)));

        heldAfterLookingUp(added);
        callCompleted(id, blindIndex.of(added), "operator-40", "SALE", Instant.now());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> lookup(added)
                .body("recentInteractions[0].outcome", equalTo("SALE")));
    }

    @Test
    void theSignalsAndTheRouteFollowTheClockWithNothingChanged() {
        String frequent = freshMobile();
        String frequentId = createdBy(WEB_FORM, "Lada", frequent);
        Instant now = Instant.now();
        callCompleted(frequentId, blindIndex.of(frequent), "operator-41", "NO_ANSWER",
                now.minus(Duration.ofDays(7)).plus(Duration.ofHours(1)));
        for (int hours = 1; hours <= 3; hours++) {
            callCompleted(frequentId, blindIndex.of(frequent), "operator-41", "NO_ANSWER",
                    now.minus(Duration.ofHours(hours)));
        }
        String complaining = freshMobile();
        String complainingId = createdBy(WEB_FORM, "Rodion", complaining);
        for (Duration ago : List.of(Duration.ofDays(30).minusHours(1), Duration.ofDays(28), Duration.ofDays(27))) {
            callCompleted(complainingId, blindIndex.of(complaining), "operator-41", "COMPLAINT", now.minus(ago));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            lookup(frequent).body("signals.code", hasItem("FREQUENT_CONTACT"));
            lookup(complaining).body("routing.rule", equalTo("REPEATED_COMPLAINTS"));
        });
        heldAfterLookingUp(frequent);
        heldAfterLookingUp(complaining);

        // Two hours on, the oldest call of each has left its window (7 and 30 days); no row changed.
        clock.shift(Duration.ofHours(2));
        lookup(frequent).body("signals.code", not(hasItem("FREQUENT_CONTACT")));
        lookup(complaining).body("routing.rule", equalTo("DEFAULT"));
    }

    @Test
    void whileChangesMayGoUnheardNothingIsHeld() throws SQLException {
        String e164 = freshMobile();
        UUID id = UUID.fromString(createdBy(WEB_FORM, "Zlata", e164));
        heldAfterLookingUp(e164);

        assertThat(stopListening()).as("the listening connection was ended").isTrue();
        await().atMost(SOON).until(() -> !cache.listening());
        changeUnannounced("UPDATE contact SET name = 'Zlata (unheard)' WHERE id = ?", id);
        // Its connection lost, the cache dropped what it held (it listens again a second later, at the earliest).
        lookup(e164).body("contact.name", equalTo("Zlata (unheard)"));

        // And listens again: lookups are held again.
        heldAfterLookingUp(e164);
    }

    /** Looks the number up until the cache holds it (a change elsewhere during a read keeps it from holding). */
    private void heldAfterLookingUp(String e164) {
        String hash = blindIndex.of(e164);
        await().atMost(SOON).until(() -> {
            lookup(e164);
            return cache.holds(hash);
        });
    }

    private static ValidatableResponse lookup(String e164) {
        return lookupAs(SUPERVISOR_A, e164);
    }

    private static ValidatableResponse lookupAs(String token, String e164) {
        return given().auth().oauth2(token).queryParam("number", e164).get("/api/lookup").then().statusCode(200);
    }

    private static void patchPhones(String id, String... numbers) {
        List<Map<String, String>> phones = Arrays.stream(numbers).map(n -> Map.of("number", n)).toList();
        given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON).body(Map.of("phones", phones))
                .patch("/api/contacts/{id}", id).then().statusCode(200);
    }

    private void change(String sql, UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    /** A change no trigger announces: in the "replica" role a session fires no ordinary trigger. */
    private void changeUnannounced(String sql, UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement role = connection.createStatement()) {
                role.execute("SET session_replication_role = replica");
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setObject(1, id);
                assertThat(statement.executeUpdate()).isEqualTo(1);
            } finally {
                try (Statement role = connection.createStatement()) {
                    role.execute("RESET session_replication_role");
                }
            }
        }
    }

    /** Ends the cache's listening connection from the server's side, as a restart or a network failure would. */
    private boolean stopListening() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet ended = statement.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     + "WHERE application_name = 'contact-service caller changes'")) {
            return ended.next() && ended.getBoolean(1);
        }
    }
}
