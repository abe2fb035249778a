package io.dialright.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.dialright.gateway.http.Problem;
import io.dialright.gateway.stub.AuditTopic;
import io.dialright.gateway.stub.GatewayKafkaResource;
import io.dialright.gateway.stub.StubStats;
import io.dialright.gateway.stub.UpstreamStubResource;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway's coarse rule per API area (roles, machine clients' scopes) and the audit of every denial (G-3). */
@QuarkusTest
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(UpstreamStubResource.class)
@QuarkusTestResource(GatewayKafkaResource.class)
class AccessControlTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void roleWithoutBusinessInAnAreaIsForbiddenBeforeTheServiceAndAudited() {
        int before = StubStats.requests("audit");
        String requestId = "deny-role-" + UUID.randomUUID();

        Response response = given().auth().oauth2(TestTokens.token("operator-9", "operator", "team-a"))
                .header("X-Request-Id", requestId)
                .when().get("/api/audit/entries");

        GatewayAssertions.assertProblem(response, 403, "Forbidden");
        assertThat(response.jsonPath().getString("detail")).isEqualTo(Problem.forbidden().detail());
        assertThat(StubStats.requests("audit")).isEqualTo(before);

        JsonObject denial = AuditTopic.denialOf(requestId);
        assertThat(denial.getString("eventType")).isEqualTo("AccessRecorded");
        assertThat(denial.getString("producer")).isEqualTo("gateway");
        assertThat(denial.getString("key")).isEqualTo("operator-9");
        assertThat(denial.getJsonObject("actor").getMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("subject", "operator-9", "role", "operator", "team", "team-a"));
        JsonObject payload = denial.getJsonObject("payload");
        assertThat(payload.getString("action")).isEqualTo("DENIED");
        assertThat(payload.getString("reason")).isEqualTo("ROLE");
        assertThat(payload.getInteger("status")).isEqualTo(403);
        assertThat(payload.getString("method")).isEqualTo("GET");
        assertThat(payload.getString("area")).isEqualTo("/api/audit/…");
        assertThat(payload.getString("sourceIp")).isNotBlank();

        ConsumerRecord<String, String> record = AuditTopic.recordOf(requestId).orElseThrow();
        assertThat(AuditTopic.header(record, "eventType")).isEqualTo("AccessRecorded");
        assertThat(AuditTopic.header(record, "eventId")).isEqualTo(denial.getString("eventId"));
    }

    @Test
    void adminReachesKeyManagementButNotCustomersData() {
        String admin = TestTokens.token("admin-1", "admin");
        given().auth().oauth2(admin).when().get("/api/contacts/encryption-keys")
                .then().statusCode(200).header("X-Stub-Service", "contact");

        GatewayAssertions.assertProblem(given().auth().oauth2(admin).when().get("/api/lookup?number=1"), 403,
                "Forbidden");
        GatewayAssertions.assertProblem(given().auth().oauth2(admin).when().get("/api/consents"), 403, "Forbidden");
    }

    @Test
    void anyOfSeveralRolesIsEnough() {
        Map<String, Object> claims = TestTokens.claims("lead-1", "analyst", "team-a");
        claims.put("groups", java.util.List.of("analyst", "supervisor"));
        given().auth().oauth2(TestTokens.sign(claims)).when().get("/api/segments")
                .then().statusCode(200).header("X-Stub-Service", "contact");
    }

    @Test
    void machineClientNeedsTheScopeOfAreaAndMethod() {
        String lookupOnly = integration("pbx-1", "lookup:read");

        given().auth().oauth2(lookupOnly).when().get("/api/lookup?number=%2B79160000000")
                .then().statusCode(200).header("X-Stub-Service", "contact");

        String requestId = "deny-scope-" + UUID.randomUUID();
        Response write = given().auth().oauth2(lookupOnly).header("X-Request-Id", requestId)
                .contentType("application/json").body("{}")
                .when().post("/api/contacts");
        GatewayAssertions.assertProblem(write, 403, "Forbidden");
        JsonObject payload = AuditTopic.denialOf(requestId).getJsonObject("payload");
        assertThat(payload.getString("reason")).isEqualTo("SCOPE");

        // Read and write are separate scopes of one area.
        String readContacts = integration("crm-1", "contacts:read");
        given().auth().oauth2(readContacts).when().get("/api/contacts").then().statusCode(200);
        GatewayAssertions.assertProblem(given().auth().oauth2(readContacts).contentType("application/json")
                .body("{}").when().patch("/api/contacts/" + UUID.randomUUID()), 403, "Forbidden");
    }

    @Test
    void machineClientWithoutAnyScopeIsForbidden() {
        Map<String, Object> claims = TestTokens.claims("web-form", "integration", null);
        claims.remove("scope");
        GatewayAssertions.assertProblem(given().auth().oauth2(TestTokens.sign(claims)).when().get("/api/lookup"),
                403, "Forbidden");
    }

    @Test
    void callEventsTakeOnlyTheirWriteScope() {
        given().auth().oauth2(integration("pbx-2", "call-events:write")).contentType("application/json")
                .body("{}").when().post("/api/call-events")
                .then().statusCode(502); // allowed: dialer's stub is a closed port in these tests
        GatewayAssertions.assertProblem(given().auth().oauth2(integration("pbx-2", "call-events:read"))
                .contentType("application/json").body("{}").when().post("/api/call-events"), 403, "Forbidden");
    }

    @Test
    void anonymousRequestIsAuditedWithItsAddress() {
        String requestId = "deny-anonymous-" + UUID.randomUUID();
        given().header("X-Request-Id", requestId).when().get("/api/contacts/" + UUID.randomUUID())
                .then().statusCode(401);

        JsonObject denial = AuditTopic.denialOf(requestId);
        assertThat(denial.containsKey("actor")).isFalse();
        JsonObject payload = denial.getJsonObject("payload");
        assertThat(payload.getString("reason")).isEqualTo("TOKEN");
        assertThat(payload.getInteger("status")).isEqualTo(401);
        assertThat(payload.getString("area")).isEqualTo("/api/contacts/…");
        assertThat(payload.getString("sourceIp")).isEqualTo(denial.getString("key"));
    }

    @Test
    void matrixParametersCannotWidenTheArea() {
        String operator = TestTokens.token("operator-1", "operator", "team-a");
        int before = StubStats.requests("contact");
        GatewayAssertions.assertProblem(given().auth().oauth2(operator).urlEncodingEnabled(false)
                .when().get("/api/contacts/encryption-keys;x=1"), 400, "Bad Request");
        assertThat(StubStats.requests("contact")).isEqualTo(before);
    }

    @Test
    void unknownPathOfAnAuthenticatedCallerIsNotFoundNotForbidden() {
        GatewayAssertions.assertProblem(given().auth().oauth2(TestTokens.token("operator-1", "operator"))
                .when().get("/api/dialer-internals"), 404, "Not Found");
    }

    private static String integration(String client, String scope) {
        Map<String, Object> claims = TestTokens.claims(client, "integration", null);
        claims.put("scope", scope);
        return TestTokens.sign(claims);
    }
}
