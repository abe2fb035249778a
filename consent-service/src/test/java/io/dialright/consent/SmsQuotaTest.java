package io.dialright.consent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.dialright.localstack.Rows;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.dialright.testsupport.ShiftableClock;
import io.dialright.testsupport.TestTokens;
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
 * Each client may cause a limited number of SMS per rolling 24 hours. The test profile gives {@code quota-form} 3,
 * {@code quota-resend} 2 and {@code quota-race} 5 (application.properties); every other client has the default 1000.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
class SmsQuotaTest {

    @Inject
    ShiftableClock clock;

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
    void theSmsAfterTheQuotaIsRefusedWithRetryAfterAndNothingIsCreated() {
        String form = TestTokens.token("quota-form", "integration");
        String template = Api.template("MARKETING");
        for (int sms = 1; sms <= 3; sms++) {
            doubleOptIn(form, Api.mobile(), template).statusCode(201);
        }
        String refused = Api.mobile();

        int retryAfter = Integer.parseInt(doubleOptIn(form, refused, template)
                .statusCode(429)
                .contentType("application/problem+json")
                .body("title", equalTo("SMS quota reached"))
                .body("detail", containsString("quota is 3"))
                .extract().header("Retry-After"));

        // The oldest counted SMS leaves the window a little less than 24 hours from now.
        assertThat(retryAfter).isBetween(24 * 3600 - 300, 24 * 3600);
        given().auth().oauth2(Api.PRIVACY_OFFICER).queryParam("phone", refused).get("/api/consents")
                .then().statusCode(200).body("total", equalTo(0));
        assertThat(sent("quota-form")).isEqualTo(3);
        doubleOptIn(TestTokens.token("other-form-" + UUID.randomUUID(), "integration"), Api.mobile(), template)
                .statusCode(201);

        clock.shift(Duration.ofSeconds(retryAfter));
        doubleOptIn(form, refused, template).statusCode(201);
    }

    @Test
    void resentCodesCountToo() {
        String form = TestTokens.token("quota-resend", "integration");
        String template = Api.template("MARKETING");
        String phone = Api.mobile();
        String id = doubleOptIn(form, phone, template).statusCode(201).extract().path("id");
        clock.shift(Duration.ofSeconds(61));
        resend(form, id, phone).statusCode(200).body("resendsLeft", equalTo(2));

        doubleOptIn(form, Api.mobile(), template).statusCode(429).body("detail", containsString("quota is 2"));
        clock.shift(Duration.ofSeconds(61));
        resend(form, id, phone).statusCode(429).body("detail", containsString("quota is 2"));
        given().auth().oauth2(Api.PRIVACY_OFFICER).get("/api/consents/{id}", id)
                .then().body("status", equalTo("PENDING_CONFIRMATION"))
                .body("doubleOptIn.resendsLeft", equalTo(2));
    }

    @Test
    void parallelRequestsAtTheLimitDoNotBothPass() throws Exception {
        String form = TestTokens.token("quota-race", "integration");
        String template = Api.template("MARKETING");
        // Shown once already, so the grants below do not queue on marking the template's row as shown.
        Api.grant(Api.PRIVACY_OFFICER, Api.consentBody(Api.mobile(), "MARKETING", "SMS", "CONSENT", template))
                .statusCode(201);
        int requests = 8;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < requests; i++) {
                String phone = Api.mobile();
                statuses.add(pool.submit(() -> {
                    start.await();
                    return doubleOptIn(form, phone, template).extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> answered = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answered.add(status.get(60, TimeUnit.SECONDS));
            }

            assertThat(answered).filteredOn(status -> status == 201).hasSize(5);
            assertThat(answered).filteredOn(status -> status == 429).hasSize(3);
            assertThat(sent("quota-race")).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    private long sent(String client) {
        return new Rows(dataSource).count("SELECT count(*) FROM sms_sent WHERE client = ?", client);
    }

    private static ValidatableResponse doubleOptIn(String token, String phone, String template) {
        Map<String, Object> body = Api.consentBody(phone, "MARKETING", "SMS", "CONSENT", template);
        body.put("doubleOptIn", true);
        return Api.grant(token, body);
    }

    private static ValidatableResponse resend(String token, String id, String phone) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("phone", phone))
                .post("/api/consents/{id}/resend", id).then();
    }
}
