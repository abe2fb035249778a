package io.dialright.consent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.dialright.consent.service.DecisionAudit;
import io.dialright.localstack.Rows;
import io.dialright.platform.audit.DeferredAudit;
import io.dialright.platform.crypto.BlindIndex;
import io.dialright.platform.events.Actor;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.dialright.testsupport.ShiftableClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each decision rule (K-6) and each reason code. The national registry's rule is tested with imports in
 * {@link RegistryImportTest}, erasure in {@link ErasureTest}.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
class DecisionTest {

    @Inject
    ShiftableClock clock;

    @Inject
    BlindIndex blindIndex;

    @Inject
    DataSource dataSource;

    @Inject
    DecisionAudit decisionAudit;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void withoutAnyRecordNothingIsAllowed() {
        Api.decide(Api.mobile(), "ORDER_STATUS", "VOICE").statusCode(200)
                .body("allowed", equalTo(false))
                .body("reasons.code", equalTo(List.of("NO_CONSENT")))
                .body("reasons[0].detail", containsString("CONSENT, CONTRACT"))
                .body("allowedBy", nullValue());
    }

    @Test
    void anActiveMarketingConsentAllowsMarketingOnItsChannelAndNamesItself() {
        String phone = Api.mobile();
        String id = Api.activeConsent(phone, "MARKETING", "VOICE");

        Api.decide("8 " + phone.substring(2), "MARKETING", "VOICE").statusCode(200)
                .body("allowed", equalTo(true))
                .body("masked", equalTo(ConsentResourceTest.masked(phone)))
                .body("reasons", hasSize(0))
                .body("allowedBy.rule", equalTo("MARKETING"))
                .body("allowedBy.consentId", equalTo(id))
                .body("allowedBy.legalBasis", equalTo("CONSENT"));
        Api.decide(phone, "MARKETING", "SMS").body("allowed", equalTo(false))
                .body("reasons.code", equalTo(List.of("NO_CONSENT")));
    }

    @Test
    void marketingIsNeverImpliedByAnotherPurpose() {
        String phone = Api.mobile();
        Api.activeConsent(phone, "SURVEY", "VOICE");
        Api.basis(phone, "ORDER_STATUS", "VOICE", "CONTRACT");

        Api.decide(phone, "MARKETING", "VOICE").body("allowed", equalTo(false))
                .body("reasons.code", equalTo(List.of("NO_CONSENT")));
        Api.decide(phone, "SURVEY", "VOICE").body("allowed", equalTo(true));
    }

    @Test
    void servicePurposesRestOnAContractOnAnyChannel() {
        String phone = Api.mobile();
        String id = Api.basis(phone, "DOCUMENTS", "SMS", "CONTRACT");

        Api.decide(phone, "DOCUMENTS", "VOICE").body("allowed", equalTo(true))
                .body("allowedBy.consentId", equalTo(id))
                .body("allowedBy.legalBasis", equalTo("CONTRACT"));
        Api.decide(phone, "TECH_SUPPORT", "VOICE").body("allowed", equalTo(false));
    }

    @Test
    void aRevokedConsentSaysSo() {
        String phone = Api.mobile();
        Api.revoke(Api.activeConsent(phone, "SURVEY", "SMS")).statusCode(200);

        Api.decide(phone, "SURVEY", "SMS").body("allowed", equalTo(false))
                .body("reasons.code", equalTo(List.of("CONSENT_REVOKED")));
    }

    @Test
    void aConsentPastItsValidUntilIsExpired() {
        String phone = Api.mobile();
        Map<String, Object> body = Api.consentBody(phone, "SURVEY", "VOICE", "CONSENT", Api.template("SURVEY"));
        body.put("validUntil", Instant.now().plus(Duration.ofDays(30)).toString());
        String id = Api.grant(Api.INTEGRATION, body).statusCode(201).extract().path("id");
        Api.decide(phone, "SURVEY", "VOICE").body("allowed", equalTo(true));

        clock.shift(Duration.ofDays(31));

        Api.decide(phone, "SURVEY", "VOICE").body("allowed", equalTo(false))
                .body("reasons.code", equalTo(List.of("CONSENT_EXPIRED")));
        Api.handOut((String) body.get("contactId"), clock.instant());
        given().auth().oauth2(Api.OPERATOR).get("/api/consents/{id}", id).then().body("status", equalTo("EXPIRED"));
    }

    @Test
    void theStopListBlocksEveryPurposeExceptEmergencyOnAnOverridingBasis() {
        String phone = Api.mobile();
        Api.basis(phone, "ORDER_STATUS", "VOICE", "CONTRACT");
        String vital = Api.basis(phone, "EMERGENCY", "VOICE", "VITAL_INTERESTS");
        Api.activeConsent(phone, "MARKETING", "VOICE");
        Api.optOut(phone).statusCode(201);

        Api.decide(phone, "ORDER_STATUS", "VOICE").body("allowed", equalTo(false))
                .body("reasons.code", equalTo(List.of("STOP_LIST")));
        Api.decide(phone, "MARKETING", "VOICE").body("allowed", equalTo(false))
                .body("reasons.code", equalTo(List.of("STOP_LIST")));
        Api.decide(phone, "EMERGENCY", "VOICE").body("allowed", equalTo(true))
                .body("allowedBy.consentId", equalTo(vital))
                .body("allowedBy.detail", containsString("although the number is on the stop list"));
    }

    @Test
    void anEmergencyConsentAloneDoesNotOverrideTheStopList() {
        String phone = Api.mobile();
        Api.activeConsent(phone, "EMERGENCY", "SMS");
        Api.decide(phone, "EMERGENCY", "SMS").body("allowed", equalTo(true));

        Api.optOut(phone).statusCode(201);

        Api.decide(phone, "EMERGENCY", "SMS").body("allowed", equalTo(false))
                .body("reasons.code", equalTo(List.of("STOP_LIST")));
    }

    @Test
    void everyReasonThatAppliesIsListed() {
        String phone = Api.mobile();
        Api.revoke(Api.activeConsent(phone, "SURVEY", "VOICE")).statusCode(200);
        Api.optOut(phone).statusCode(201);

        Api.decide(phone, "SURVEY", "VOICE").body("allowed", equalTo(false))
                .body("reasons.code", equalTo(List.of("STOP_LIST", "CONSENT_REVOKED")));
    }

    @Test
    void aBatchAnswersInTheOrderAskedWithTheNumbersAsSent() {
        String allowed = Api.mobile();
        String blocked = Api.mobile();
        Api.activeConsent(allowed, "MARKETING", "VOICE");
        List<String> phones = List.of("8 (" + allowed.substring(2, 5) + ") " + allowed.substring(5), blocked,
                allowed);

        given().auth().oauth2(Api.INTEGRATION).contentType(ContentType.JSON)
                .body(Map.of("purpose", "MARKETING", "channel", "VOICE", "phones", phones))
                .post("/api/decisions/batch")
                .then().statusCode(200)
                .body("allowed", equalTo(2))
                .body("blocked", equalTo(1))
                .body("results.phone", equalTo(phones))
                .body("results.allowed", equalTo(List.of(true, false, true)))
                .body("results[1].reasons[0].code", equalTo("NO_CONSENT"));
    }

    @Test
    void aBatchNamesEveryInvalidNumberAndDecidesNothing() {
        given().auth().oauth2(Api.INTEGRATION).contentType(ContentType.JSON)
                .body(Map.of("purpose", "MARKETING", "phones", List.of(Api.mobile(), "12", "+7 (012) 345-67-89")))
                .post("/api/decisions/batch")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("phones[1]", "phones[2]")))
                .body("detail", containsString("2 numbers are not valid"));
    }

    @Test
    void aBatchHoldsAtMostTenThousandNumbers() {
        List<String> phones = new ArrayList<>();
        for (int i = 0; i <= 10_000; i++) {
            phones.add("+7916" + String.format("%07d", i));
        }
        given().auth().oauth2(Api.INTEGRATION).contentType(ContentType.JSON)
                .body(Map.of("purpose", "MARKETING", "phones", phones))
                .post("/api/decisions/batch")
                .then().statusCode(400).body("errors.field", hasItem("phones"));
    }

    @Test
    void operatorsSupervisorsAndIntegrationsMayAskButAnalystsAndAdminsMayNot() {
        String phone = Api.mobile();
        for (String token : List.of(Api.OPERATOR, Api.SUPERVISOR, Api.INTEGRATION, Api.PRIVACY_OFFICER)) {
            given().auth().oauth2(token).queryParam("phone", phone).queryParam("purpose", "SURVEY")
                    .get("/api/decisions").then().statusCode(200);
        }
        for (String token : List.of(Api.ANALYST, Api.ADMIN)) {
            given().auth().oauth2(token).queryParam("phone", phone).queryParam("purpose", "SURVEY")
                    .get("/api/decisions").then().statusCode(403);
        }
    }

    @Test
    void aQuestionWithoutPurposeIsABadRequestNamingTheParameter() {
        given().auth().oauth2(Api.OPERATOR).queryParam("phone", Api.mobile())
                .get("/api/decisions").then().statusCode(400).body("errors.field", hasItem("purpose"));
        given().auth().oauth2(Api.OPERATOR).queryParam("phone", Api.mobile()).queryParam("purpose", "SPAM")
                .get("/api/decisions").then().statusCode(400);
    }

    @Test
    void everySingleDecisionIsAuditedWithItsAnswer() {
        String phone = Api.mobile();
        String hash = blindIndex.of(phone);
        Api.decide(phone, "SURVEY", "VOICE").statusCode(200);

        Rows rows = new Rows(dataSource);
        await().atMost(Duration.ofSeconds(20)).until(() -> rows.count("SELECT count(*) FROM outbox_event_history WHERE "
                + "event_type = 'AccessRecorded' AND message_key = ? AND convert_from(message_value, 'UTF8') "
                + "LIKE '%\"action\":\"DECISION\"%' AND convert_from(message_value, 'UTF8') LIKE '%NO_CONSENT%'",
                hash) == 1);
    }

    @Test
    void aBacklogOfDecisionEntriesIsWrittenWholeOverSeveralTransactions() {
        String prefix = UUID.randomUUID().toString().replace("-", "");
        int entries = DeferredAudit.PER_TRANSACTION * 2 + 500;
        for (int i = 0; i < entries; i++) {
            decisionAudit.record(Actor.system("backlog-test"), prefix + String.format("%032d", i),
                    Map.of("purpose", "SURVEY", "allowed", false));
        }

        decisionAudit.flush();

        assertThat(new Rows(dataSource).count("SELECT count(*) FROM outbox_event_history "
                + "WHERE event_type = 'AccessRecorded' AND message_key LIKE ?", prefix + "%")).isEqualTo(entries);
    }

    @Test
    void theRulesAreDataThatCanBeRead() {
        given().auth().oauth2(Api.ANALYST).get("/api/decisions/rules")
                .then().statusCode(200)
                .body("$", hasSize(6))
                .body("find { it.purpose == 'MARKETING' }.registryBlocks", equalTo(true))
                .body("find { it.purpose == 'MARKETING' }.acceptedBases", equalTo(List.of("CONSENT")))
                .body("find { it.purpose == 'EMERGENCY' }.stopListExemptBases",
                        equalTo(List.of("CONTRACT", "VITAL_INTERESTS", "LEGAL_OBLIGATION")));
    }
}
