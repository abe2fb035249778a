package io.dialright.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.dialright.gateway.stub.StubStats;
import io.dialright.gateway.stub.UpstreamStub;
import io.dialright.gateway.stub.UpstreamStubResource;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(UpstreamStubResource.class)
class UpstreamFailureTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void serviceThatRefusesConnectionsGivesBadGateway() {
        // The dialer service is pointed at a port nobody listens on (UpstreamStubResource).
        Response response = given().auth().oauth2(TestTokens.token("supervisor-1", "supervisor"))
                .contentType("application/json")
                .body("{\"name\":\"Spring\"}")
                .when().post("/api/campaigns")
                .then().statusCode(502).extract().response();

        JsonPath problem = GatewayAssertions.assertProblem(response, 502, "Bad Gateway");
        assertThat(problem.getString("detail")).isEqualTo("The dialer service is not reachable; try again shortly.");
    }

    @Test
    void serviceSlowerThanReadTimeoutGivesGatewayTimeoutAndIsHungUpOn() {
        int abandonedBefore = StubStats.abandoned("audit");
        long delay = UpstreamStubResource.READ_TIMEOUT.multipliedBy(5).toMillis();

        Response response = given().auth().oauth2(TestTokens.token("admin-1", "admin"))
                .header(UpstreamStub.DELAY_HEADER, delay)
                .when().get("/api/audit/entries")
                .then().statusCode(504).extract().response();

        JsonPath problem = GatewayAssertions.assertProblem(response, 504, "Gateway Timeout");
        assertThat(problem.getString("detail"))
                .isEqualTo("The audit service did not answer in time; try again shortly.");
        assertThat(response.timeIn(TimeUnit.MILLISECONDS)).isLessThan(delay);
        // The gateway gives up on the call instead of leaving the service's connection busy.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(StubStats.abandoned("audit")).isGreaterThan(abandonedBefore));
    }
}
