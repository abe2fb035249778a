package io.dialright.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dialright.gateway.routing.Service;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The merge on the stub documents the Quarkus tests serve (src/test/resources/openapi-stubs), dialer down. */
class OpenApiMergerTest {

    private static final String DIALER_DOWN = "The dialer service is not reachable; try again shortly.";

    private final OpenApiMerger merger = new OpenApiMerger("1.2.3", OpenApiMergerTest::firstOwner);
    private final JsonObject merged = merger.merge(List.of(
            available(Service.CONTACT), available(Service.CONSENT),
            new ServiceDocument.Unavailable(Service.DIALER, DIALER_DOWN), available(Service.AUDIT)));

    @Test
    void headerInfoAndServersAreTheGatewaysOwn() {
        assertThat(merged.getString("openapi")).isEqualTo("3.1.0");
        assertThat(merged.getJsonObject("info").getString("title")).isEqualTo("Dialright API");
        assertThat(merged.getJsonObject("info").getString("version")).isEqualTo("1.2.3");
        assertThat(merged.getJsonArray("servers")).isEqualTo(new JsonArray().add(new JsonObject().put("url", "/")));
    }

    @Test
    void pathsOfEveryAvailableServiceAreMerged() {
        assertThat(merged.getJsonObject("paths").fieldNames()).containsExactlyInAnyOrder(
                "/api/contacts", "/api/contacts/{id}", "/api/lookup",
                "/api/consents/{id}", "/api/decisions",
                "/api/audit/entries");
        assertThat(merged.getJsonObject("paths").getJsonObject("/api/contacts").fieldNames())
                .containsExactlyInAnyOrder("get", "post");
    }

    @Test
    void schemaNameUsedForOtherContentIsPrefixedWithTheLaterServiceAndItsReferencesFollow() {
        JsonObject schemas = schemas();
        assertThat(schemas.getJsonObject("Status").getJsonArray("enum")).containsExactly("ACTIVE", "ERASED");
        assertThat(schemas.getJsonObject("consent.Status").getJsonArray("enum")).containsExactly("GIVEN", "REVOKED");
        assertThat(property(schemas, "ContactView", "status")).isEqualTo("#/components/schemas/Status");
        assertThat(property(schemas, "ConsentView", "status")).isEqualTo("#/components/schemas/consent.Status");
    }

    @Test
    void schemaThatOnlyPointsAtARenamedSchemaIsRenamedToo() {
        // Both services define Summary as {status: $ref Status}: the same text, but not the same Status.
        JsonObject schemas = schemas();
        assertThat(property(schemas, "Summary", "status")).isEqualTo("#/components/schemas/Status");
        assertThat(property(schemas, "consent.Summary", "status")).isEqualTo("#/components/schemas/consent.Status");
        assertThat(property(schemas, "ConsentView", "summary")).isEqualTo("#/components/schemas/consent.Summary");
        JsonObject lookup = operation("/api/lookup", "get");
        assertThat(lookup.getJsonObject("responses").getJsonObject("200").getJsonObject("content")
                .getJsonObject("application/json").getJsonObject("schema").getString("$ref"))
                .isEqualTo("#/components/schemas/Summary");
    }

    @Test
    void identicalSchemasAreSharedOnce() {
        assertThat(schemas().fieldNames()).containsExactlyInAnyOrder(
                "ContactView", "CreateContactRequest", "Status", "Summary", "UUID", "Instant", "Problem",
                "ConsentView", "Decision", "Allowed", "consent.Status", "consent.Summary",
                "AuditEntryView");
    }

    @Test
    void discriminatorMappingsFollowRenamesWhetherReferenceOrName() {
        JsonObject decision = schemas().getJsonObject("Decision");
        assertThat(decision.getJsonArray("oneOf")).containsExactly(
                new JsonObject().put("$ref", "#/components/schemas/Allowed"),
                new JsonObject().put("$ref", "#/components/schemas/consent.Status"));
        assertThat(decision.getJsonObject("discriminator").getJsonObject("mapping").getMap()).isEqualTo(Map.of(
                "allowed", "#/components/schemas/Allowed",
                "status", "#/components/schemas/consent.Status"));
    }

    @Test
    void otherComponentSectionsAreMergedTheSameWay() {
        JsonObject responses = merged.getJsonObject("components").getJsonObject("responses");
        assertThat(responses.getJsonObject("NotFound").getString("description")).isEqualTo("No such contact");
        assertThat(responses.getJsonObject("consent.NotFound").getString("description"))
                .isEqualTo("No such consent");
        assertThat(operation("/api/consents/{id}", "get").getJsonObject("responses").getJsonObject("404")
                .getString("$ref")).isEqualTo("#/components/responses/consent.NotFound");
    }

    @Test
    void everyReferenceResolves() {
        OpenApiAssertions.assertEveryReferenceResolves(merged);
    }

    @Test
    void oneBearerSchemeStandsForTheServicesSchemesAndKeepsTheirRoles() {
        JsonObject schemes = merged.getJsonObject("components").getJsonObject("securitySchemes");
        assertThat(schemes.fieldNames()).containsExactly("bearerAuth");
        assertThat(schemes.getJsonObject("bearerAuth").getString("scheme")).isEqualTo("bearer");
        assertThat(merged.getJsonArray("security"))
                .containsExactly(new JsonObject().put("bearerAuth", new JsonArray()));
        assertThat(operation("/api/contacts", "get").getJsonArray("security")).containsExactly(
                new JsonObject().put("bearerAuth", new JsonArray().add("operator").add("supervisor")));
        // consent's "jwt" scheme, and its empty (anonymous) alternative dropped: the gateway always wants a token.
        assertThat(operation("/api/consents/{id}", "get").getJsonArray("security")).containsExactly(
                new JsonObject().put("bearerAuth", new JsonArray().add("operator")));
        assertThat(operation("/api/decisions", "post").containsKey("security")).isFalse();
        for (JsonObject operation : OpenApiAssertions.operations(merged)) {
            for (Object requirement : operation.getJsonArray("security", new JsonArray())) {
                assertThat(((JsonObject) requirement).fieldNames()).containsExactly("bearerAuth");
            }
        }
    }

    @Test
    void operationsAreTaggedPerService() {
        assertThat(operation("/api/contacts", "get").getJsonArray("tags"))
                .containsExactly("contact-service / Contact Resource");
        assertThat(operation("/api/lookup", "get").getJsonArray("tags")).containsExactly("contact-service");
        assertThat(operation("/api/audit/entries", "get").getJsonArray("tags"))
                .containsExactly("audit-service / Audit Resource");
        JsonArray tags = merged.getJsonArray("tags");
        assertThat(tags.stream().map(tag -> ((JsonObject) tag).getString("name"))).containsExactly(
                "contact-service / Contact Resource", "contact-service", "consent-service / Consents",
                "consent-service", "audit-service / Audit Resource");
        assertThat(tags.getJsonObject(2).getString("description")).isEqualTo("Consent records and their lifecycle.");
        assertThat(tags.getJsonObject(0).getString("description")).isEqualTo("Served by contact-service.");
        assertThat(merged.getJsonArray("x-tagGroups").getJsonObject(1)).isEqualTo(new JsonObject()
                .put("name", "consent-service")
                .put("tags", new JsonArray().add("consent-service / Consents").add("consent-service")));
    }

    @Test
    void pathTheGatewayRoutesToAnotherServiceIsReportedNotMerged() {
        assertThat(merged.getJsonObject("paths").containsKey("/api/contacts/{id}/consents")).isFalse();
        assertThat(merged.getJsonArray("x-excluded-paths")).containsExactly(new JsonObject()
                .put("service", "consent-service")
                .put("path", "/api/contacts/{id}/consents")
                .put("reason", "the gateway routes this path to contact-service."));
        assertThat(merged.getJsonObject("info").getString("description")).contains("x-excluded-paths");
    }

    @Test
    void pathDocumentedTwiceIsReportedNotOverwritten() {
        JsonObject other = new JsonObject().put("openapi", "3.1.0").put("paths", new JsonObject()
                .put("/api/lookup", new JsonObject().put("get", new JsonObject().put("summary", "Other"))));
        JsonObject twice = merger.merge(List.of(available(Service.CONTACT),
                new ServiceDocument.Available(Service.CONTACT, other)));

        assertThat(twice.getJsonObject("paths").getJsonObject("/api/lookup").getJsonObject("get")
                .getString("summary")).isEqualTo("Lookup");
        assertThat(twice.getJsonArray("x-excluded-paths").getJsonObject(0).getString("reason"))
                .isEqualTo("another service documents this path already.");
    }

    @Test
    void serviceThatIsDownIsListedAndNamedInTheDescription() {
        assertThat(merged.getJsonArray("x-unavailable-services")).containsExactly(new JsonObject()
                .put("service", "dialer-service").put("reason", DIALER_DOWN));
        assertThat(merged.getJsonObject("info").getString("description")).contains("Incomplete", DIALER_DOWN);
    }

    @Test
    void servicesOwnServerAddressesAreDropped() {
        assertThat(merged.encode()).doesNotContain("localhost:808", "consent-service.internal");
    }

    @Test
    void everyServiceDownStillGivesAUsableDocument() {
        JsonObject empty = merger.merge(Arrays.stream(Service.values())
                .map(service -> (ServiceDocument) new ServiceDocument.Unavailable(service, "down"))
                .toList());

        assertThat(empty.getJsonObject("paths").isEmpty()).isTrue();
        assertThat(empty.getJsonArray("x-unavailable-services")).hasSize(4);
        assertThat(empty.getJsonObject("components").getJsonObject("securitySchemes").fieldNames())
                .containsExactly("bearerAuth");
    }

    private JsonObject schemas() {
        return merged.getJsonObject("components").getJsonObject("schemas");
    }

    private JsonObject operation(String path, String method) {
        return merged.getJsonObject("paths").getJsonObject(path).getJsonObject(method);
    }

    private static String property(JsonObject schemas, String schema, String property) {
        return schemas.getJsonObject(schema).getJsonObject("properties").getJsonObject(property).getString("$ref");
    }

    private static ServiceDocument available(Service service) {
        return new ServiceDocument.Available(service, OpenApiDocuments.read(stubDocument(service)));
    }

    static Buffer stubDocument(Service service) {
        try (InputStream in = OpenApiMergerTest.class.getResourceAsStream(
                "/openapi-stubs/" + service.shortName() + ".json")) {
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How RouteTable resolves: the first service, in declaration order, whose prefixes cover the path. */
    private static Optional<Service> firstOwner(String path) {
        return Arrays.stream(Service.values()).filter(service -> service.owns(path)).findFirst();
    }
}
