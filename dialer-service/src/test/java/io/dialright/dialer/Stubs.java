package io.dialright.dialer;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.ConfigProvider;

/** Arranges {@link BoundaryStubs} (contact-service and consent-service as the dialer sees them) from a test. */
final class Stubs {

    private Stubs() {
    }

    static void contact(BoundaryStubs.StubContact contact) {
        put("/stub/contacts", contact);
    }

    static void segment(UUID segmentId, List<UUID> members) {
        put("/stub/segments/" + segmentId, members);
    }

    /** consent-service answers "blocked" with these reason codes for this number (E.164). */
    static void block(String e164, String... codes) {
        put("/stub/blocked", Map.of("phone", e164, "codes", List.of(codes)));
    }

    static void consentDown(boolean down) {
        put("/stub/consent-down", down);
    }

    /** consent-service takes a request and stays silent for {@code millis} before it answers (0: answers at once). */
    static void consentSilent(long millis) {
        put("/stub/consent-silent", millis);
    }

    static void reset() {
        put("/stub/reset", Map.of());
    }

    /** The requests the stubs received: path and Authorization header. */
    static List<Map<String, String>> calls() {
        return given().baseUri(url()).get("/stub/calls").then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static void put(String path, Object body) {
        given().baseUri(url()).contentType(ContentType.JSON).body(body).put(path).then().statusCode(200);
    }

    private static String url() {
        return ConfigProvider.getConfig().getValue("dialright.dialer.consent.url", String.class);
    }
}
