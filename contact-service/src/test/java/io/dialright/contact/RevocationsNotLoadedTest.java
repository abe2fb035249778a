package io.dialright.contact;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A service whose broker is not up when it starts cannot know who is revoked: it answers requests with a token with
 * 503 and is not ready, instead of serving a dismissed employee; once the broker answers it serves.
 */
@QuarkusTest
@TestProfile(RevocationsNotLoadedTest.BrokerNotUpYet.class)
class RevocationsNotLoadedTest {

    /** The usual resources, but a broker that is not up yet, and no waiting for the list at start-up. */
    public static class BrokerNotUpYet implements QuarkusTestProfile {

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(
                    new TestResourceEntry(PostgresResource.class, Map.of("database", "contact")),
                    new TestResourceEntry(JwtResource.class),
                    new TestResourceEntry(SecretsResource.class),
                    new TestResourceEntry(EncryptionKeysResource.class),
                    new TestResourceEntry(LateKafkaResource.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dialright.revocations.startup-wait", "0s",
                    "dialright.revocations.retry-backoff", "200ms");
        }
    }

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void requestsWithATokenAre503AndTheServiceUnreadyUntilTheListIsLoaded() {
        checkNumber(Fixtures.operator("operator-1", "team-a"))
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("status", equalTo(503));
        given().get("/q/health/ready")
                .then().statusCode(503)
                .body("checks.find { it.name == 'revocations' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'revocations' }.data.list", equalTo("loading"));
        // Without a token nothing needs the list: the usual 401.
        given().contentType(ContentType.JSON).body(Map.of("number", "8 (495) 123-45-67"))
                .post("/api/contacts/number-checks").then().statusCode(401);

        LateKafkaResource.broker().start();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                checkNumber(Fixtures.operator("operator-1", "team-a")).statusCode(200));
        given().get("/q/health/ready")
                .then().body("checks.find { it.name == 'revocations' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'revocations' }.data.list", equalTo("loaded"));
    }

    private static ValidatableResponse checkNumber(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("number", "8 (495) 123-45-67"))
                .post("/api/contacts/number-checks").then();
    }
}
