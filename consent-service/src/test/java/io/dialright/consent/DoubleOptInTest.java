package io.dialright.consent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.dialright.localstack.Rows;
import io.dialright.platform.crypto.BlindIndex;
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
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Double opt-in (K-3): the code travels as {@code SmsRequested} on the SMS topic (read here as the SMS connector
 * would), is stored hashed, expires, and allows five tries and three new codes.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
class DoubleOptInTest {

    private static final Duration SMS_TIMEOUT = Duration.ofSeconds(20);

    @Inject
    ShiftableClock clock;

    @Inject
    BlindIndex blindIndex;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theCodeFromTheSmsMakesTheConsentActiveAndTheTimesAreKeptAsProof() {
        String phone = Api.mobile();
        try (TopicProbe sms = TopicProbe.fromNow(Topics.SMS)) {
            String id = pending(phone);
            TopicProbe.Received message = sms.await(event -> event.payload().path("consentId").asText().equals(id),
                    SMS_TIMEOUT);
            assertThat(message.key()).isEqualTo(blindIndex.of(phone));
            assertThat(message.eventTypeHeader()).isEqualTo("SmsRequested");
            assertThat(message.event().payload().path("to").asText()).isEqualTo(phone);
            assertThat(message.event().payload().path("purpose").asText()).isEqualTo("MARKETING");
            String text = message.event().payload().path("text").asText();
            assertThat(text).contains("OOO Romashka", "marketing offers", "up to 4 calls a month");
            String code = code(message);

            decision(phone).body("allowed", equalTo(false)).body("reasons[0].code", equalTo("PENDING_CONFIRMATION"));
            confirm(id, code).statusCode(200)
                    .body("status", equalTo("ACTIVE"))
                    .body("doubleOptIn.firstSentAt", notNullValue())
                    .body("doubleOptIn.confirmedAt", notNullValue())
                    .body("doubleOptIn.confirmedBy", equalTo("web-form"))
                    .body("doubleOptIn.confirmedFrom.userAgent", equalTo("web-form/1.0"))
                    .body("history[1].channel", equalTo("SMS_CODE"));
            decision(phone).body("allowed", equalTo(true)).body("allowedBy.consentId", equalTo(id));
            assertThat(new Rows(dataSource).count("SELECT count(*) FROM consent_confirmation WHERE code_hash LIKE ?",
                    "%" + code + "%")).isZero();
        }
    }

    @Test
    void aWrongCodeIsCountedAndSaysHowManyTriesAreLeft() {
        String phone = Api.mobile();
        String id = pending(phone);

        confirm(id, "000000").statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("4 attempts left"));
        Api.teamContact(Api.contactOf(id), phone);
        given().auth().oauth2(Api.SUPERVISOR).get("/api/consents/{id}", id)
                .then().body("status", equalTo("PENDING_CONFIRMATION"))
                .body("doubleOptIn.attemptsLeft", equalTo(4));
    }

    @Test
    void anExpiredCodeIsGone() {
        String phone = Api.mobile();
        try (TopicProbe sms = TopicProbe.fromNow(Topics.SMS)) {
            String id = pending(phone);
            String code = code(sms.await(event -> event.payload().path("consentId").asText().equals(id),
                    SMS_TIMEOUT));
            clock.shift(Duration.ofMinutes(10).plusSeconds(1));

            confirm(id, code).statusCode(410).body("detail", containsString("/resend"));
        }
    }

    @Test
    void afterFiveWrongCodesEvenTheRightOneIsTooManyAttempts() {
        String phone = Api.mobile();
        try (TopicProbe sms = TopicProbe.fromNow(Topics.SMS)) {
            String id = pending(phone);
            String code = code(sms.await(event -> event.payload().path("consentId").asText().equals(id),
                    SMS_TIMEOUT));
            String wrong = code.equals("123456") ? "654321" : "123456";
            for (int attempt = 1; attempt <= 5; attempt++) {
                confirm(id, wrong).statusCode(422);
            }

            confirm(id, code).statusCode(429)
                    .contentType("application/problem+json")
                    .body("detail", containsString("tried 5 times"));
        }
    }

    @Test
    void aNewCodeReplacesTheOldOneAndResendsAreLimited() {
        String phone = Api.mobile();
        try (TopicProbe sms = TopicProbe.fromNow(Topics.SMS)) {
            String id = pending(phone);
            String first = code(sms.await(event -> event.payload().path("consentId").asText().equals(id),
                    SMS_TIMEOUT));

            resend(id, phone).statusCode(429).header("Retry-After", notNullValue())
                    .body("detail", containsString("can be sent in"));
            clock.shift(Duration.ofSeconds(61));
            resend(id, phone).statusCode(200).body("resendsLeft", equalTo(2));
            String second = code(sms.await(event -> event.payload().path("consentId").asText().equals(id)
                    && !code(event.payload().path("text").asText()).equals(first), SMS_TIMEOUT));
            for (int resend = 2; resend <= 3; resend++) {
                clock.shift(Duration.ofSeconds(61));
                resend(id, phone).statusCode(200);
            }
            clock.shift(Duration.ofSeconds(61));
            resend(id, phone).statusCode(429).body("detail", containsString("capture the consent again"));

            assertThat(second).isNotEqualTo(first);
            confirm(id, first).statusCode(422);
        }
    }

    @Test
    void aCodeIsResentOnlyToTheConsentsOwnNumber() {
        String id = pending(Api.mobile());

        resend(id, Api.mobile()).statusCode(422).body("detail", containsString("was captured for"));
    }

    @Test
    void aNumberThatCannotReceiveSmsCannotBeConfirmedBySms() {
        Map<String, Object> body = Api.consentBody(Api.fixedLine(), "MARKETING", "VOICE", "CONSENT",
                Api.template("MARKETING"));
        body.put("doubleOptIn", true);

        Api.grant(Api.INTEGRATION, body).statusCode(422).body("detail", containsString("not a mobile number"));
    }

    @Test
    void aConfirmedConsentIsNotWaitingForACode() {
        String id = Api.activeConsent(Api.mobile(), "SURVEY", "SMS");

        confirm(id, "123456").statusCode(409).body("detail", containsString("ACTIVE"));
    }

    @Test
    void publishedSmsWithTheirCodesLeaveTheOutbox() {
        String phone = Api.mobile();
        try (TopicProbe sms = TopicProbe.fromNow(Topics.SMS)) {
            String id = pending(phone);
            sms.await(event -> event.payload().path("consentId").asText().equals(id), SMS_TIMEOUT);
        }
        Rows rows = new Rows(dataSource);
        await().atMost(Duration.ofSeconds(20)).until(() -> rows.count(
                "SELECT count(*) FROM outbox_event WHERE topic = ? AND message_key = ?", Topics.SMS,
                blindIndex.of(phone)) == 0);
    }

    private String pending(String phone) {
        Map<String, Object> body = Api.consentBody(phone, "MARKETING", "SMS", "CONSENT", Api.template("MARKETING"));
        body.put("doubleOptIn", true);
        return Api.grant(Api.INTEGRATION, body).statusCode(201)
                .body("status", equalTo("PENDING_CONFIRMATION"))
                .body("doubleOptIn.attemptsLeft", equalTo(5))
                .body("doubleOptIn.resendsLeft", equalTo(3))
                .extract().path("id");
    }

    private static ValidatableResponse confirm(String id, String code) {
        return given().auth().oauth2(Api.INTEGRATION).contentType(ContentType.JSON)
                .header("User-Agent", "web-form/1.0")
                .body(Map.of("code", code))
                .post("/api/consents/{id}/confirm", id).then();
    }

    private static ValidatableResponse resend(String id, String phone) {
        return given().auth().oauth2(Api.INTEGRATION).contentType(ContentType.JSON)
                .body(Map.of("phone", phone))
                .post("/api/consents/{id}/resend", id).then();
    }

    private static ValidatableResponse decision(String phone) {
        return Api.decide(phone, "MARKETING", "SMS").statusCode(200);
    }

    private static String code(TopicProbe.Received message) {
        return code(message.event().payload().path("text").asText());
    }

    private static String code(String text) {
        Matcher digits = Pattern.compile("code (\\d{6})").matcher(text);
        assertThat(digits.find()).as("a 6-digit code in: %s", text).isTrue();
        return digits.group(1);
    }
}
