package io.dialright.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.dialright.localstack.Rows;
import io.dialright.testsupport.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Events written in one service's transaction reach another service's consumer through the real broker, with every
 * request going through the gateway as clients send it.
 */
class CrossServiceEventsIT {

    private static LocalSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = new LocalSuite();
        RestAssured.baseURI = suite.gateway.baseUrl();
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void optOutRecordedByConsentServiceReachesTheDialersProjection() {
        given().auth().oauth2(TestTokens.token("operator-7", "operator", "team-a")).contentType(ContentType.JSON)
                .body(Map.of("phone", "8 (912) 345-67-41", "channel", "OPERATOR", "source", "operator desk"))
                .post("/api/opt-outs")
                .then().statusCode(201);

        String hash = suite.blindIndex.of("+79123456741");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("dialer", "SELECT count(*) FROM stop_list_projection WHERE phone_hash = ?", hash) == 1);
    }

    @Test
    void callEndingInOptOutAtTheDialerPutsTheNumberOnConsentServicesStopList() {
        given().auth().oauth2(TestTokens.token("pbx-1", "integration")).contentType(ContentType.JSON)
                .body(Map.of("eventId", UUID.randomUUID().toString(), "type", "CALL_COMPLETED",
                        "callId", "call-42", "phone", "+7 912 345-67-42", "direction", "OUTBOUND",
                        "operatorId", "operator-7", "outcome", "OPT_OUT", "occurredAt", "2026-11-28T09:15:00Z"))
                .post("/api/call-events")
                .then().statusCode(202);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.token("supervisor-1", "supervisor", "team-a"))
                        .get("/api/stop-list/{phone}", "+79123456742")
                        .then().statusCode(200)
                        .body("channel", equalTo("CALL_OUTCOME"))
                        .body("callId", equalTo("call-42")));
    }

    private static long count(String database, String sql, Object... args) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(suite.postgres.jdbcUrl(database));
        dataSource.setUser(suite.postgres.username());
        return new Rows(dataSource).count(sql, args);
    }
}
