package io.dialright.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.dialright.gateway.stub.GatewayKafkaResource;
import io.dialright.gateway.stub.UpstreamStubResource;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** Security headers on every response, and CORS for the configured origins only. */
@QuarkusTest
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(UpstreamStubResource.class)
@QuarkusTestResource(GatewayKafkaResource.class)
class SecurityHeadersTest {

    private static final String ALLOWED_ORIGIN = "https://desk.example.test";

    @Test
    void relayedAnswerCarriesTheHeadersWhateverTheServiceSent() {
        assertSecurityHeaders(given().auth().oauth2(TestTokens.token("operator-1", "operator"))
                .when().get("/api/contacts").then().statusCode(200).extract().response());
    }

    @Test
    void gatewaysOwnRefusalCarriesTheHeaders() {
        assertSecurityHeaders(given().when().get("/api/contacts").then().statusCode(401).extract().response());
    }

    @Test
    void healthCarriesTheHeaders() {
        assertSecurityHeaders(given().when().get("/q/health/live").then().statusCode(200).extract().response());
    }

    @Test
    void preflightFromAnAllowedOriginIsAnsweredWithoutAToken() {
        Response preflight = given()
                .header("Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/api/contacts");

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(preflight.header("Access-Control-Allow-Headers").toLowerCase()).contains("authorization");
    }

    @Test
    void answerToAnAllowedOriginExposesTheRequestId() {
        Response response = given().header("Origin", ALLOWED_ORIGIN)
                .auth().oauth2(TestTokens.token("operator-1", "operator"))
                .when().get("/api/contacts");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
        assertThat(response.header("Access-Control-Expose-Headers")).contains("X-Request-Id");
    }

    @Test
    void otherOriginsGetNoCorsPermission() {
        Response preflight = given()
                .header("Origin", "https://evil.example.test")
                .header("Access-Control-Request-Method", "POST")
                .when().options("/api/contacts");
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();

        Response response = given().header("Origin", "https://evil.example.test")
                .auth().oauth2(TestTokens.token("operator-1", "operator"))
                .when().get("/api/contacts");
        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
    }

    private static void assertSecurityHeaders(Response response) {
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.header("Content-Security-Policy")).contains("default-src 'none'")
                .contains("frame-ancestors 'none'");
        assertThat(response.header("Strict-Transport-Security")).startsWith("max-age=");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }
}
