package io.dialright.consent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.dialright.localstack.Rows;
import io.dialright.platform.crypto.BlindIndex;
import io.dialright.platform.events.Topics;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.dialright.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Consent records (K-1): captured with their proof, never edited in place, revoked as a new state. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
class ConsentResourceTest {

    @Inject
    BlindIndex blindIndex;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void grantedConsentKeepsItsProofAndIsAnnouncedWithoutTheNumber() {
        String phone = Api.mobile();
        String templateId = Api.template("MARKETING");
        Map<String, Object> body = Api.consentBody(phone, "MARKETING", "VOICE", "CONSENT", templateId);
        try (TopicProbe consents = TopicProbe.fromNow(Topics.CONSENTS)) {
            String id = given().auth().oauth2(Api.INTEGRATION).contentType("application/json")
                    .header("User-Agent", "landing-page/2.1").header("X-Forwarded-For", "203.0.113.7")
                    .body(body)
                    .post("/api/consents")
                    .then().statusCode(201)
                    .header("Location", containsString("/api/consents/"))
                    .body("status", equalTo("ACTIVE"))
                    .body("masked", equalTo(masked(phone)))
                    .body("template.id", equalTo(templateId))
                    .body("template.version", equalTo(1))
                    .body("capturedFrom.userAgent", equalTo("landing-page/2.1"))
                    .body("capturedFrom.sourceIp", equalTo("203.0.113.7"))
                    .body("capturedFrom.requestId", notNullValue())
                    .body("history", hasSize(1))
                    .body("history[0].status", equalTo("ACTIVE"))
                    .body("history[0].by", equalTo("web-form"))
                    .extract().path("id");

            String hash = blindIndex.of(phone);
            TopicProbe.Received granted = consents.await(event -> event.eventType().equals("ConsentGranted")
                    && event.payload().path("consentId").asText().equals(id), Duration.ofSeconds(20));
            assertThat(granted.key()).isEqualTo(hash);
            assertThat(granted.event().payload().path("purpose").asText()).isEqualTo("MARKETING");
            assertThat(granted.event().payload().path("legalBasis").asText()).isEqualTo("CONSENT");
            assertThat(granted.event().payload().toString()).doesNotContain(phone.substring(2));
        }
    }

    @Test
    void aConsentNeverCoversAnotherPurpose() {
        String surveyTemplate = Api.template("SURVEY");

        Api.grant(Api.INTEGRATION, Api.consentBody(Api.mobile(), "MARKETING", "VOICE", "CONSENT", surveyTemplate))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("needs a text of its own purpose"));
    }

    @Test
    void marketingRestsOnlyOnConsent() {
        String phone = Api.mobile();
        Map<String, Object> body = Api.consentBody(phone, "MARKETING", "VOICE", "CONTRACT", null);
        Api.teamContact((String) body.get("contactId"), phone);

        Api.grant(Api.SUPERVISOR, body)
                .statusCode(422)
                .body("detail", containsString("MARKETING rests only on [CONSENT]"));
    }

    @Test
    void aConsentNeedsTheTextThatWasShown() {
        Api.grant(Api.INTEGRATION, Api.consentBody(Api.mobile(), "SURVEY", "SMS", "CONSENT", null))
                .statusCode(400)
                .body("errors.field", hasItem("templateId"));
    }

    @Test
    void anUnknownTemplateIsNamed() {
        String unknown = UUID.randomUUID().toString();
        Api.grant(Api.INTEGRATION, Api.consentBody(Api.mobile(), "SURVEY", "SMS", "CONSENT", unknown))
                .statusCode(422)
                .body("detail", containsString(unknown));
    }

    @Test
    void aVerbalConsentNeedsItsCall() {
        Map<String, Object> body = Api.consentBody(Api.mobile(), "SURVEY", "VOICE", "CONSENT",
                Api.template("SURVEY"));
        body.put("captureMethod", "OPERATOR_VERBAL");
        Api.handOut((String) body.get("contactId"), Instant.now());

        Api.grant(Api.OPERATOR, body).statusCode(400).body("errors.field", hasItem("captureReference"));

        body.put("captureReference", "call-4711");
        Api.grant(Api.OPERATOR, body).statusCode(201).body("captureReference", equalTo("call-4711"));
    }

    @Test
    void aValidUntilInThePastIsRefusedAndNothingIsWritten() {
        String contactId = UUID.randomUUID().toString();
        Map<String, Object> body = Api.consentBody(Api.mobile(), "SURVEY", "SMS", "CONSENT", Api.template("SURVEY"));
        body.put("contactId", contactId);
        body.put("validUntil", "2020-01-01T00:00:00Z");

        Api.grant(Api.INTEGRATION, body).statusCode(400).body("errors.field", hasItem("validUntil"));

        assertThat(new Rows(dataSource).count("SELECT count(*) FROM consent WHERE contact_id = ?",
                UUID.fromString(contactId))).isZero();
    }

    @Test
    void invalidNumberIsRejectedWithTheExpectedFormat() {
        Api.grant(Api.INTEGRATION, Api.consentBody("8 (012) 345-67-89", "SURVEY", "SMS", "CONSENT",
                        Api.template("SURVEY")))
                .statusCode(400)
                .body("detail", containsString("+7 912 345-67-89"));
    }

    @Test
    void unknownPurposeNamesTheAllowedValues() {
        Map<String, Object> body = Api.consentBody(Api.mobile(), "SURVEY", "SMS", "CONSENT", null);
        body.put("purpose", "SPAM");

        Api.grant(Api.INTEGRATION, body).statusCode(400)
                .body("errors[0].field", equalTo("purpose"))
                .body("detail", containsString("MARKETING"));
    }

    @Test
    void aNewConsentSupersedesTheOldOneForTheSamePurposeAndChannel() {
        String phone = Api.mobile();
        String contactId = UUID.randomUUID().toString();
        Api.teamContact(contactId, phone);
        String first = Api.activeConsentOf(contactId, phone, "MARKETING", "SMS");
        String second = Api.activeConsentOf(contactId, phone, "MARKETING", "SMS");
        String otherChannel = Api.activeConsentOf(contactId, phone, "MARKETING", "VOICE");

        given().auth().oauth2(Api.SUPERVISOR).get("/api/consents/{id}", first)
                .then().statusCode(200)
                .body("status", equalTo("SUPERSEDED"))
                .body("history[1].reason", equalTo("superseded by consent " + second));
        given().auth().oauth2(Api.SUPERVISOR).get("/api/consents/{id}", otherChannel)
                .then().body("status", equalTo("ACTIVE"));
        Api.revoke(first).statusCode(409).body("detail", containsString("revoke that one"));
    }

    @Test
    void revocationIsANewStateAnnouncedOnce() {
        String phone = Api.mobile();
        String id = Api.activeConsent(phone, "SURVEY", "VOICE");
        try (TopicProbe consents = TopicProbe.fromNow(Topics.CONSENTS)) {
            Api.revoke(id).statusCode(200)
                    .body("status", equalTo("REVOKED"))
                    .body("history.status", equalTo(List.of("ACTIVE", "REVOKED")))
                    .body("history[1].channel", equalTo("OPERATOR"))
                    .body("history[1].reason", equalTo("customer said so on the phone"))
                    .body("history[1].by", equalTo("operator-1"));
            Api.revoke(id).statusCode(200).body("history", hasSize(2));

            TopicProbe.Received revoked = consents.await(event -> event.eventType().equals("ConsentRevoked")
                    && event.payload().path("consentId").asText().equals(id), Duration.ofSeconds(20));
            assertThat(revoked.event().payload().path("status").asText()).isEqualTo("REVOKED");
        }
        assertThat(new Rows(dataSource).count("SELECT count(*) FROM outbox_event_history WHERE event_type = "
                + "'ConsentRevoked' AND convert_from(message_value, 'UTF8') LIKE ?", "%" + id + "%")).isEqualTo(1);
    }

    @Test
    void theFactsOfAConsentCannotBeEditedInTheDatabase() throws Exception {
        String id = Api.activeConsent(Api.mobile(), "SURVEY", "SMS");

        try (Connection connection = dataSource.getConnection();
             PreparedStatement edit = connection.prepareStatement(
                     "UPDATE consent SET purpose = 'MARKETING' WHERE id = ?");
             PreparedStatement history = connection.prepareStatement(
                     "UPDATE consent_state SET reason = 'rewritten' WHERE consent_id = ?")) {
            edit.setObject(1, UUID.fromString(id));
            history.setObject(1, UUID.fromString(id));
            assertThatThrownBy(edit::executeUpdate).hasMessageContaining("only its status and contact change");
            assertThatThrownBy(history::executeUpdate).hasMessageContaining("append-only");
        }
    }

    @Test
    void consentsAreListedByContactOrNumberButNeverAll() {
        String phone = Api.mobile();
        Map<String, Object> body = Api.consentBody(phone, "ORDER_STATUS", "SMS", "CONTRACT", null);
        body.put("captureMethod", "PAPER");
        String contactId = (String) body.get("contactId");
        Api.teamContact(contactId, phone);
        Api.grant(Api.SUPERVISOR, body).statusCode(201);
        String otherContactId = UUID.randomUUID().toString();
        Api.activeConsentOf(otherContactId, phone, "MARKETING", "SMS");
        Api.handOut(contactId, Instant.now());
        Api.handOut(otherContactId, Instant.now());

        given().auth().oauth2(Api.OPERATOR).queryParam("phone", "8 " + phone.substring(2))
                .get("/api/consents")
                .then().statusCode(200).body("total", equalTo(2)).body("items[0].purpose", equalTo("MARKETING"));
        given().auth().oauth2(Api.OPERATOR).queryParam("contactId", contactId)
                .get("/api/consents")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].legalBasis", equalTo("CONTRACT"));
        given().auth().oauth2(Api.OPERATOR).get("/api/consents")
                .then().statusCode(400).body("detail", containsString("whole list is not available"));
        given().auth().oauth2(Api.OPERATOR).queryParam("phone", phone).queryParam("size", 501)
                .get("/api/consents")
                .then().statusCode(400);
    }

    @Test
    void analystsAndAdminsSeeNoConsents() {
        given().auth().oauth2(Api.ANALYST).queryParam("phone", Api.mobile()).get("/api/consents")
                .then().statusCode(403);
        given().auth().oauth2(Api.ADMIN).queryParam("phone", Api.mobile()).get("/api/consents")
                .then().statusCode(403);
    }

    @Test
    void aMalformedIdIsABadRequest() {
        given().auth().oauth2(Api.OPERATOR).get("/api/consents/{id}", "not-a-uuid")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Api.OPERATOR).get("/api/consents/{id}", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    static String masked(String e164) {
        return "+7 (" + e164.substring(2, 5) + ") ***-**-" + e164.substring(e164.length() - 2);
    }
}
