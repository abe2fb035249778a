package io.dialright.contact;

import static io.dialright.contact.Fixtures.contact;
import static io.dialright.contact.Fixtures.create;
import static io.dialright.contact.Fixtures.freshMobile;
import static io.dialright.contact.Fixtures.operator;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dialright.platform.events.Topics;
import io.dialright.platform.web.RequestIds;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.dialright.testsupport.TestTokens;
import io.dialright.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Machine clients are held to their scopes (platform's {@code IntegrationScopeFilter}): {@code /api/<area>} needs
 * {@code <area>:read} for GET and HEAD, {@code <area>:write} otherwise. People's tokens are not asked for scopes.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "contact"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
@QuarkusTestResource(EncryptionKeysResource.class)
class IntegrationScopeTest {

    private static final Duration AUDIT_TIMEOUT = Duration.ofSeconds(20);

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void aClientWithoutContactsWriteCannotCreateAndTheRefusalIsAudited() {
        String client = "crm-" + UUID.randomUUID();
        String number = freshMobile();
        try (TopicProbe audit = TopicProbe.fromNow(Topics.AUDIT)) {
            create(TestTokens.integration(client, "contacts:read", "lookup:read"), contact("Olga", number))
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("detail", containsString("lacks the scope contacts:write"));

            TopicProbe.Received denied = awaitDenial(audit, client);
            assertThat(denied.key()).isEqualTo(client);
            assertThat(denied.event().payload().path("scope").asText()).isEqualTo("contacts:write");
            assertThat(denied.event().payload().path("method").asText()).isEqualTo("POST");
            assertThat(denied.event().payload().path("path").asText()).isEqualTo("/api/contacts");
            assertThat(denied.event().payload().path("requestId").asText()).isNotBlank();
            assertThat(denied.event().payload().toString()).doesNotContain(number.substring(2));
        }
        // Nothing was created: the number is still free.
        create(TestTokens.integration(client, "contacts:write"), contact("Olga", number)).statusCode(201);
    }

    /** The lookup runs on the event loop, which must hand the denial's write to a worker and still refuse. */
    @Test
    void aClientWithoutLookupReadIsRefusedTheLookupAndTheRefusalIsAudited() {
        String client = "crm-" + UUID.randomUUID();
        String number = freshMobile();
        String requestId = "denied-lookup-" + UUID.randomUUID();
        try (TopicProbe audit = TopicProbe.fromNow(Topics.AUDIT)) {
            given().auth().oauth2(TestTokens.integration(client, "contacts:read"))
                    .header(RequestIds.HEADER, requestId).queryParam("number", number).get("/api/lookup")
                    .then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("detail", containsString("lacks the scope lookup:read"));

            TopicProbe.Received denied = awaitDenial(audit, client);
            assertThat(denied.event().payload().path("scope").asText()).isEqualTo("lookup:read");
            assertThat(denied.event().payload().path("method").asText()).isEqualTo("GET");
            assertThat(denied.event().payload().path("path").asText()).isEqualTo("/api/lookup");
            assertThat(denied.event().payload().path("requestId").asText()).isEqualTo(requestId);
            assertThat(denied.event().payload().toString()).doesNotContain(number.substring(2));
        }
    }

    @Test
    void contactsWriteIsEnoughToCreate() {
        create(TestTokens.integration("crm-" + UUID.randomUUID(), "contacts:write"), contact("Pavel", freshMobile()))
                .statusCode(201);
    }

    @Test
    void lookupReadAloneAllowsTheLookupButNotACreation() {
        String telephony = TestTokens.integration("pbx-" + UUID.randomUUID(), "lookup:read");

        given().auth().oauth2(telephony).queryParam("number", freshMobile()).get("/api/lookup")
                .then().statusCode(200).body("found", equalTo(false));
        create(telephony, contact("Roman", freshMobile())).statusCode(403);
    }

    @Test
    void theAuditedPathIsTheRouteNeverTheRequestsOwnPath() {
        String client = "crm-" + UUID.randomUUID();
        try (TopicProbe audit = TopicProbe.fromNow(Topics.AUDIT)) {
            UUID contactId = UUID.randomUUID();
            given().auth().oauth2(TestTokens.integration(client, "contacts:read")).contentType(ContentType.JSON)
                    .body(Map.of("name", "Vera"))
                    .patch("/api/contacts/{id}", contactId)
                    .then().statusCode(403);

            TopicProbe.Received denied = awaitDenial(audit, client);
            assertThat(denied.event().payload().path("path").asText()).isEqualTo("/api/contacts/{id}");
            assertThat(denied.event().payload().path("method").asText()).isEqualTo("PATCH");
            assertThat(denied.event().payload().toString()).doesNotContain(contactId.toString());
        }
    }

    @Test
    void peopleAreNotAskedForScopesEvenWithAScopeClaim() {
        Map<String, Object> claims = TestTokens.claims("operator-scoped", "operator", "team-a");
        claims.put("scope", "lookup:read");

        create(TestTokens.sign(claims), contact("Sofia", freshMobile())).statusCode(201);
        create(operator("operator-unscoped", "team-a"), contact("Taisia", freshMobile())).statusCode(201);
    }

    @Test
    void withoutATokenTheAnswerIsStill401() {
        given().contentType(ContentType.JSON).body(contact("Ulyana", freshMobile())).post("/api/contacts")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer");
    }

    @Test
    void theRoleIsCheckedBeforeTheScope() {
        given().auth().oauth2(TestTokens.integration("crm-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .body(Map.of("contactIds", List.of(UUID.randomUUID()), "reason", "test"))
                .post("/api/exports")
                .then().statusCode(403).body("detail", equalTo("Your role does not allow this request."));
    }

    private static TopicProbe.Received awaitDenial(TopicProbe audit, String client) {
        TopicProbe.Received denied = audit.await(event -> event.actor() != null
                && client.equals(event.actor().subject())
                && "DENIED".equals(event.payload().path("action").asText()), AUDIT_TIMEOUT);
        assertThat(denied.event().actor().role()).isEqualTo("integration");
        assertThat(denied.event().payload().path("reason").asText()).isEqualTo("SCOPE");
        return denied;
    }
}
