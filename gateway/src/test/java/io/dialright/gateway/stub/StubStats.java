package io.dialright.gateway.stub;

import static io.restassured.RestAssured.given;

import org.eclipse.microprofile.config.ConfigProvider;

/** Reads a stub's counters directly (not through the gateway), for tests that assert what reached a service. */
public final class StubStats {

    private StubStats() {
    }

    /** Requests the stub of {@code service} has received so far. */
    public static int requests(String service) {
        return read(service, "requests");
    }

    /** Requests whose connection the gateway closed before the stub answered. */
    public static int abandoned(String service) {
        return read(service, "abandoned");
    }

    /** Times the stub of {@code service} was asked for its OpenAPI document. */
    public static int openApiRequests(String service) {
        return read(service, "openApiRequests");
    }

    private static int read(String service, String counter) {
        String baseUrl = ConfigProvider.getConfig()
                .getValue("dialright.gateway.services." + service, String.class);
        return given().get(baseUrl + UpstreamStub.STATS_PATH)
                .then().statusCode(200)
                .extract().path(counter);
    }
}
