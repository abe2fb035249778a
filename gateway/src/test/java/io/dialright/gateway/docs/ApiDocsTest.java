package io.dialright.gateway.docs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.dialright.gateway.stub.StubStats;
import io.dialright.gateway.stub.UpstreamStubResource;
import io.dialright.testsupport.JwtResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /openapi} and {@code /swagger-ui} against the stubs: contact, consent and audit serve the documents in
 * src/test/resources/openapi-stubs, dialer is down (UpstreamStubResource).
 */
@QuarkusTest
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(UpstreamStubResource.class)
class ApiDocsTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void mergedDocumentHasThePathsOfEveryReachableServiceWithoutAToken() {
        JsonObject document = openApi();

        assertThat(document.getString("openapi")).isEqualTo("3.1.0");
        assertThat(document.getJsonObject("info").getString("title")).isEqualTo("Dialright API");
        assertThat(document.getJsonObject("info").getString("version")).isNotBlank().isEqualTo(
                ConfigProvider.getConfig().getValue("quarkus.application.version", String.class));
        assertThat(document.getJsonArray("servers")).containsExactly(new JsonObject().put("url", "/"));
        assertThat(document.getJsonObject("paths").fieldNames()).containsExactlyInAnyOrder(
                "/api/contacts", "/api/contacts/{id}", "/api/lookup",
                "/api/consents/{id}", "/api/decisions",
                "/api/audit/entries");
    }

    @Test
    void serviceThatIsDownIsReportedAndTheOthersAreServed() {
        JsonObject document = openApi();

        JsonArray unavailable = document.getJsonArray("x-unavailable-services");
        assertThat(unavailable).containsExactly(new JsonObject()
                .put("service", "dialer-service")
                .put("reason", "The dialer service is not reachable; try again shortly."));
        assertThat(document.getJsonObject("info").getString("description"))
                .contains("The dialer service is not reachable");
        assertThat(document.getJsonObject("paths").fieldNames()).noneMatch(path -> path.startsWith("/api/campaigns"));
    }

    @Test
    void clashingSchemaIsPrefixedAndEveryReferenceResolves() {
        JsonObject document = openApi();

        JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
        assertThat(schemas.getJsonObject("Status").getJsonArray("enum")).containsExactly("ACTIVE", "ERASED");
        assertThat(schemas.getJsonObject("consent.Status").getJsonArray("enum")).containsExactly("GIVEN", "REVOKED");
        assertThat(schemas.fieldNames()).doesNotContain("consent.UUID", "audit.UUID", "audit.Instant");
        assertThat(document.getJsonObject("components").getJsonObject("securitySchemes").fieldNames())
                .containsExactly("bearerAuth");
        OpenApiAssertions.assertEveryReferenceResolves(document);
    }

    @Test
    void pathTheGatewayRoutesElsewhereIsReported() {
        JsonObject document = openApi();

        assertThat(document.getJsonArray("x-excluded-paths")).containsExactly(new JsonObject()
                .put("service", "consent-service")
                .put("path", "/api/contacts/{id}/consents")
                .put("reason", "the gateway routes this path to contact-service."));
    }

    @Test
    void servicesAreAskedAgainOnlyAfterTheCachePeriod() {
        openApi();
        List<Integer> before = openApiRequestsPerService();

        openApi();
        openApi();

        // The cache period in tests is the default minute: much longer than this test.
        assertThat(openApiRequestsPerService()).isEqualTo(before);
        assertThat(before).allMatch(requests -> requests >= 1);
    }

    @Test
    void swaggerUiIsHtmlThatShowsTheMergedDocumentWithoutAToken() {
        // The page loads its scripts relative to itself, so it must be served under /swagger-ui/.
        given().redirects().follow(false).when().get("/swagger-ui")
                .then().statusCode(302).header("Location", "/swagger-ui/");
        Response page = given().when().get("/swagger-ui/")
                .then().statusCode(200).extract().response();

        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.asString()).contains("<title>Dialright API</title>", "SwaggerUIBundle", "url: '/openapi'");
        given().when().get("/swagger-ui/swagger-ui-bundle.js").then().statusCode(200);
    }

    private static JsonObject openApi() {
        Response response = given().when().get("/openapi")
                .then().statusCode(200).extract().response();
        assertThat(response.contentType()).startsWith("application/json");
        return new JsonObject(response.asString());
    }

    private static List<Integer> openApiRequestsPerService() {
        return List.of(StubStats.openApiRequests("contact"), StubStats.openApiRequests("consent"),
                StubStats.openApiRequests("audit"));
    }
}
