package io.dialright.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import io.dialright.testsupport.TestTokens;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Least privilege proven by walking every documented API operation of every service on the real suite: anonymous →
 * 401 through the gateway and directly at the service; every role the operation does not declare → 403 through the
 * gateway and directly (the service's own rule, should the gateway be bypassed); every role it declares → neither
 * 401 nor 403 (the gateway's coarse rule never refuses what a service allows). An endpoint added without a role
 * declaration fails here, as does a declaration naming a role that does not exist.
 */
class AccessWalkIT {

    private static final Set<String> ROLES = Set.of("operator", "supervisor", "analyst", "admin", "integration",
            "privacy-officer");
    private static LocalSuite suite;
    private static List<OpenApiOperations.Operation> operations;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = new LocalSuite();
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        operations = OpenApiOperations.ofServices(suite);
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void everyOperationDeclaresExistingRoles() {
        assertThat(operations).as("documented operations").hasSizeGreaterThan(50);
        assertThat(operations).allSatisfy(operation -> {
            assertThat(operation.roles()).as(operation + " declares roles").isNotEmpty();
            assertThat(ROLES).as(operation + " names only roles of PRODUCT.md").containsAll(operation.roles());
        });
    }

    @Test
    void anonymousCallerIsRefusedEverywhere() {
        List<String> failures = new ArrayList<>();
        for (OpenApiOperations.Operation operation : operations) {
            expect(failures, operation, "anonymous via gateway", call(given(), operation, suite.gateway.baseUrl()),
                    401);
            expect(failures, operation, "anonymous direct", call(given(), operation, base(operation)), 401);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void everyRoleGetsExactlyWhatItsDeclarationsAllow() {
        List<String> failures = new ArrayList<>();
        Map<String, String> tokens = new java.util.HashMap<>();
        ROLES.forEach(role -> tokens.put(role, token(role)));
        for (OpenApiOperations.Operation operation : operations) {
            for (String role : ROLES) {
                RequestSpecification request = given().auth().oauth2(tokens.get(role));
                Response viaGateway = call(request, operation, suite.gateway.baseUrl());
                if (operation.roles().contains(role)) {
                    if (viaGateway.statusCode() == 401 || viaGateway.statusCode() == 403) {
                        failures.add(operation + " as " + role + " (declared) via gateway: " + viaGateway.statusCode()
                                + " " + viaGateway.asString());
                    }
                } else {
                    expect(failures, operation, role + " via gateway", viaGateway, 403);
                    expect(failures, operation, role + " direct",
                            call(given().auth().oauth2(tokens.get(role)), operation, base(operation)), 403);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void identityHeadersSentByAClientChangeNothing() {
        String operator = token("operator");
        Function<String, RequestSpecification> spoofing = baseUrl -> given().auth().oauth2(operator)
                .header("X-User-Id", "supervisor-1")
                .header("X-Forwarded-User", "supervisor-1")
                .header("X-Auth-Subject", "supervisor-1")
                .header("X-Roles", "supervisor")
                .header("X-Dialright-Roles", "supervisor");
        // Segments are a supervisor's: the operator stays an operator whatever the headers claim.
        spoofing.apply(suite.gateway.baseUrl()).when().get(suite.gateway.baseUrl() + "/api/segments")
                .then().statusCode(403);
        spoofing.apply(suite.contact.baseUrl()).when().get(suite.contact.baseUrl() + "/api/segments")
                .then().statusCode(403);
        // And without a token the headers alone are nothing.
        given().header("X-User-Id", "supervisor-1").header("X-Roles", "supervisor")
                .when().get(suite.contact.baseUrl() + "/api/segments").then().statusCode(401);
    }

    @Test
    void dismissedEmployeeIsRefusedByTheGatewayAtOnceAndByEveryServiceWithinSeconds() {
        String subject = "operator-dismissed";
        String token = TestTokens.token(subject, "operator", "team-a");
        given().auth().oauth2(token).when().get(suite.gateway.baseUrl() + "/api/callbacks").then().statusCode(200);

        given().auth().oauth2(token("admin")).contentType("application/json")
                .body(Map.of("subject", subject, "reason", "dismissed"))
                .when().post(suite.gateway.baseUrl() + "/api/access/revocations").then().statusCode(201);

        given().auth().oauth2(token).when().get(suite.gateway.baseUrl() + "/api/callbacks").then().statusCode(401);
        // Called directly, bypassing the gateway: each service refuses the token itself (audit would say 403 to an
        // operator; a revoked one is not even authenticated).
        Map<ServiceProcess, String> paths = Map.of(suite.contact, "/api/contacts?phone=%2B79160000000",
                suite.consent, "/api/decisions/rules", suite.dialer, "/api/callbacks", suite.audit,
                "/api/audit/entries");
        paths.forEach((service, path) -> await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().urlEncodingEnabled(false).auth().oauth2(token).when().get(service.baseUrl() + path)
                        .then().statusCode(401)));
    }

    @Test
    void clientSentIdsStatesAndInternalFieldsAreNeverApplied() {
        String sentId = UUID.randomUUID().toString();
        Map<String, Object> contact = Map.of("id", sentId, "name", "Property Check",
                "createdAt", "2020-01-01T00:00:00Z", "phoneHash", "00ff", "team", "team-a",
                "phones", List.of(Map.of("number", "+7 916 555-01-23", "id", sentId, "ciphertext", "AAAA",
                        "e164", "+79160000000")),
                "source", Map.of("channel", "WEB_FORM"));
        Response created = given().auth().oauth2(token("integration")).contentType("application/json")
                .body(contact).when().post(suite.gateway.baseUrl() + "/api/contacts");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(created.jsonPath().getString("id")).isNotEqualTo(sentId);
        assertThat(created.jsonPath().getString("phones[0].id")).isNotEqualTo(sentId);
        assertThat(created.jsonPath().getString("phones[0].e164")).isEqualTo("+79165550123");
        assertThat(created.jsonPath().getString("createdAt")).doesNotStartWith("2020");
        assertNothingInternal(created.asString());

        Map<String, Object> campaign = Map.of("id", sentId, "name", "Property check", "purpose", "ORDER_STATUS",
                "status", "RUNNING", "createdBy", "someone-else");
        Response campaignCreated = given().auth().oauth2(token("supervisor")).contentType("application/json")
                .body(campaign).when().post(suite.gateway.baseUrl() + "/api/campaigns");
        assertThat(campaignCreated.statusCode()).as(campaignCreated.asString()).isEqualTo(201);
        assertThat(campaignCreated.jsonPath().getString("id")).isNotEqualTo(sentId);
        assertThat(campaignCreated.jsonPath().getString("status")).isNotEqualTo("RUNNING");
        assertThat(campaignCreated.jsonPath().getString("createdBy")).isEqualTo("walk-supervisor");
        assertNothingInternal(campaignCreated.asString());
    }

    /** No ciphertext, blind index or key id ever leaves a service. */
    private static void assertNothingInternal(String body) {
        assertThat(body.toLowerCase()).doesNotContain("cipher", "hash", "keyid", "key_id", "blind");
    }

    private static String base(OpenApiOperations.Operation operation) {
        return switch (operation.service()) {
            case "contact" -> suite.contact.baseUrl();
            case "consent" -> suite.consent.baseUrl();
            case "dialer" -> suite.dialer.baseUrl();
            case "audit" -> suite.audit.baseUrl();
            default -> throw new IllegalArgumentException(operation.service());
        };
    }

    private static Response call(RequestSpecification request, OpenApiOperations.Operation operation,
                                 String baseUrl) {
        request.urlEncodingEnabled(false);
        if (operation.consumes() != null) {
            String type = operation.consumes().contains("*") ? "text/plain" : operation.consumes();
            byte[] body = (type.contains("json") ? "{}" : "x").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            // Call events need the client's signature; other endpoints ignore the header.
            request.contentType(type).header("X-Signature", LocalSuite.webhookSignature(body)).body(body);
        }
        return request.request(operation.method().toUpperCase(), baseUrl + operation.path());
    }

    private static void expect(List<String> failures, OpenApiOperations.Operation operation, String as,
                               Response response, int status) {
        if (response.statusCode() != status) {
            failures.add(operation + " as " + as + ": expected " + status + ", got " + response.statusCode() + " "
                    + response.asString());
        }
    }

    /** A machine client's token holds every scope here, so it is refused only for its role (scopes: gateway tests). */
    private static String token(String role) {
        return TestTokens.token("walk-" + role, role,
                role.equals("operator") || role.equals("supervisor") ? "team-a" : null);
    }
}
