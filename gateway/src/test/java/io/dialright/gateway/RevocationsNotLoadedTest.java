package io.dialright.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.dialright.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** Fail closed: a gateway that cannot read the revocation list serves no API request and is not ready. */
@QuarkusTest
@TestProfile(RevocationsNotLoadedTest.NoBroker.class)
class RevocationsNotLoadedTest {

    /** A broker address where nothing listens, and a short start-up wait. */
    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:1",
                    "dialright.gateway.revocations.startup-wait", "200ms");
        }
    }

    @Test
    void validTokenGets503WithRetryAfterAndReadinessIsDown() {
        Response response = given().auth().oauth2(TestTokens.token("operator-1", "operator", "team-a"))
                .when().get("/api/contacts");

        GatewayAssertions.assertProblem(response, 503, "Service Unavailable");
        assertThat(response.header("Retry-After")).isEqualTo("5");

        given().when().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'revocations' }.status", org.hamcrest.Matchers.equalTo("DOWN"));
    }

    @Test
    void anonymousRequestIsStillA401() {
        given().when().get("/api/contacts").then().statusCode(401);
    }
}
