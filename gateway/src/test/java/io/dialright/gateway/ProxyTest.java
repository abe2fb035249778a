package io.dialright.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dialright.gateway.stub.Payloads;
import io.dialright.gateway.stub.UpstreamStub;
import io.dialright.gateway.stub.UpstreamStubResource;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(UpstreamStubResource.class)
class ProxyTest {

    private static final int TWO_MEGABYTES = 2 * 1024 * 1024;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void requestReachesOwningServiceWithPathQueryAndBodyIntact() {
        String token = TestTokens.token("supervisor-1", "supervisor");
        String body = "{\"name\":\"Ivan\",\"phones\":[{\"number\":\"+7 916 000-00-00\"}]}";

        JsonPath echo = authorized(token)
                .contentType("application/json")
                .body(body)
                .urlEncodingEnabled(false)
                .when().post("/api/contacts/42/merge?dryRun=true&tag=a%20b")
                .then().statusCode(200)
                .header("X-Stub-Service", "contact")
                .extract().jsonPath();

        assertThat(echo.getString("method")).isEqualTo("POST");
        assertThat(echo.getString("path")).isEqualTo("/api/contacts/42/merge");
        assertThat(echo.getString("query")).isEqualTo("dryRun=true&tag=a%20b");
        assertThat(echo.getString("body")).isEqualTo(body);
        assertThat(header(echo, "content-type")).startsWith("application/json");
    }

    @Test
    void eachPrefixIsRoutedToItsService() {
        // Two roles between them allowed in every area below (AccessControlTest covers the refusals).
        Map<String, Object> claims = TestTokens.claims("lead-1", "supervisor", "team-a");
        claims.put("groups", List.of("supervisor", "privacy-officer"));
        String token = TestTokens.sign(claims);
        Map<String, String> expected = Map.of(
                "/api/lookup", "contact",
                "/api/segments/7", "contact",
                "/api/stop-list/+79160000000", "consent",
                "/api/stop-list/%2B79160000001", "consent",
                "/api/decisions", "consent",
                "/api/consent-templates", "consent",
                "/api/privacy-requests/1", "consent",
                "/api/audit/entries", "audit");
        expected.forEach((path, service) -> {
            JsonPath echo = authorized(token).urlEncodingEnabled(false).when().get(path)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(echo.getString("service")).as(path).isEqualTo(service);
            assertThat(echo.getString("path")).as(path).isEqualTo(path);
        });
    }

    @Test
    void originalAuthorizationHeaderIsForwarded() {
        String token = TestTokens.token("operator-1", "operator");

        JsonPath echo = authorized(token).when().get("/api/contacts")
                .then().statusCode(200).extract().jsonPath();

        assertThat(headers(echo, "authorization")).containsExactly("Bearer " + token);
    }

    @Test
    void requestIdIsGeneratedForwardedAndReturned() {
        Response response = authorized(TestTokens.token("operator-1", "operator"))
                .when().get("/api/contacts")
                .then().statusCode(200).extract().response();

        String returned = response.header("X-Request-Id");
        assertThat(UUID.fromString(returned)).isNotNull();
        assertThat(headers(response.jsonPath(), "x-request-id")).containsExactly(returned);
    }

    @Test
    void saneClientRequestIdIsKept() {
        Response response = authorized(TestTokens.token("operator-1", "operator"))
                .header("X-Request-Id", "desk-42.call_7-a")
                .when().get("/api/contacts")
                .then().statusCode(200).extract().response();

        assertThat(response.header("X-Request-Id")).isEqualTo("desk-42.call_7-a");
        assertThat(headers(response.jsonPath(), "x-request-id")).containsExactly("desk-42.call_7-a");
    }

    @Test
    void unsafeClientRequestIdIsReplaced() {
        Response response = authorized(TestTokens.token("operator-1", "operator"))
                .header("X-Request-Id", "forged\" admin=true " + "x".repeat(80))
                .when().get("/api/contacts")
                .then().statusCode(200).extract().response();

        String returned = response.header("X-Request-Id");
        assertThat(UUID.fromString(returned)).isNotNull();
        assertThat(headers(response.jsonPath(), "x-request-id")).containsExactly(returned);
    }

    @Test
    void clientIdentityAndForwardingHeadersAreReplacedByGateway() {
        JsonPath echo = authorized(TestTokens.token("operator-1", "operator"))
                .header("X-Forwarded-User", "admin")
                .header("X-Auth-Subject", "admin")
                .header("X-User", "admin")
                .header("X-Roles", "admin")
                .header("X-Remote-User", "admin")
                .header("X-Dialright-Subject", "admin")
                .header("X-Dialright-Roles", "admin")
                .header("X-Forwarded-For", "10.6.6.6")
                .header("X-Forwarded-Proto", "https")
                .header("Forwarded", "for=10.6.6.6")
                .header("X-Custom", "kept")
                .when().get("/api/contacts")
                .then().statusCode(200).extract().jsonPath();

        Map<String, List<String>> received = echo.getMap("headers");
        assertThat(received).doesNotContainKeys("x-forwarded-user", "x-auth-subject", "x-user", "x-roles",
                "x-remote-user", "x-dialright-subject", "x-dialright-roles", "forwarded");
        assertThat(received.get("x-forwarded-for")).containsExactly("127.0.0.1");
        assertThat(received.get("x-forwarded-proto")).containsExactly("http");
        assertThat(received.get("x-custom")).containsExactly("kept");
    }

    @Test
    void serviceReceivesItsOwnHostNotTheGateways() {
        JsonPath echo = authorized(TestTokens.token("operator-1", "operator"))
                .when().get("/api/contacts")
                .then().statusCode(200).extract().jsonPath();

        String contactUrl = ConfigProvider.getConfig()
                .getValue("dialright.gateway.services.contact", String.class);
        assertThat("http://" + header(echo, "host")).isEqualTo(contactUrl);
        assertThat(header(echo, "x-forwarded-host")).endsWith(":" + RestAssured.port);
    }

    @Test
    void hopByHopResponseHeadersAreDropped() {
        Response response = authorized(TestTokens.token("operator-1", "operator"))
                .when().get("/api/contacts")
                .then().statusCode(200).extract().response();

        assertThat(response.header("X-Stub-Service")).isEqualTo("contact");
        assertThat(response.header("Keep-Alive")).isNull();
        assertThat(response.header("Proxy-Authenticate")).isNull();
    }

    @Test
    void twoMegabyteUploadStreamsThroughIntact() {
        byte[] upload = Payloads.random(TWO_MEGABYTES, 20261128L);

        JsonPath echo = authorized(TestTokens.token("supervisor-1", "supervisor"))
                .contentType("text/csv")
                .body(upload)
                .when().post("/api/imports")
                .then().statusCode(200).extract().jsonPath();

        assertThat(echo.getInt("bodyLength")).isEqualTo(TWO_MEGABYTES);
        assertThat(echo.getString("bodySha256")).isEqualTo(UpstreamStub.sha256(upload));
        assertThat(header(echo, "content-length")).isEqualTo(Integer.toString(TWO_MEGABYTES));
    }

    @Test
    void chunkedUploadStreamsThroughIntact() {
        byte[] upload = Payloads.random(TWO_MEGABYTES, 7L);

        JsonPath echo = authorized(TestTokens.token("supervisor-1", "supervisor"))
                .contentType("application/x-ndjson")
                .body(new ByteArrayInputStream(upload))
                .when().post("/api/imports")
                .then().statusCode(200).extract().jsonPath();

        assertThat(echo.getInt("bodyLength")).isEqualTo(TWO_MEGABYTES);
        assertThat(echo.getString("bodySha256")).isEqualTo(UpstreamStub.sha256(upload));
    }

    @Test
    void twoMegabyteDownloadStreamsThroughIntact() {
        byte[] downloaded = authorized(TestTokens.token("supervisor-1", "supervisor"))
                .header(UpstreamStub.RESPOND_BYTES_HEADER, TWO_MEGABYTES)
                .when().get("/api/exports/1/file")
                .then().statusCode(200)
                .contentType("application/octet-stream")
                .extract().asByteArray();

        assertThat(downloaded).hasSize(TWO_MEGABYTES);
        assertThat(UpstreamStub.sha256(downloaded)).isEqualTo(UpstreamStub.sha256(Payloads.pattern(TWO_MEGABYTES)));
    }

    /** Unknown prefixes, a prefix without its segment boundary ({@code /api/contactsX}) and bare {@code /api}. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/unknown/things", "/api/contactsX", "/api"})
    void pathsNoServiceOwnsAreNotFound(String path) {
        Response response = authorized(TestTokens.token("admin-1", "admin"))
                .when().get(path)
                .then().statusCode(404).extract().response();

        GatewayAssertions.assertProblem(response, 404, "Not Found");
    }

    private static RequestSpecification authorized(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static List<String> headers(JsonPath echo, String lowerCaseName) {
        Map<String, List<String>> headers = echo.getMap("headers");
        return headers.getOrDefault(lowerCaseName, List.of());
    }

    private static String header(JsonPath echo, String lowerCaseName) {
        List<String> values = headers(echo, lowerCaseName);
        assertThat(values).as(lowerCaseName).hasSize(1);
        return values.get(0);
    }
}
