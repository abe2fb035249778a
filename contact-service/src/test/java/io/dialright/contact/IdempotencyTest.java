package io.dialright.contact;

import static io.dialright.contact.Fixtures.SUPERVISOR_A;
import static io.dialright.contact.Fixtures.WEB_FORM;
import static io.dialright.contact.Fixtures.freshMobile;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.dialright.localstack.Rows;
import io.dialright.platform.idempotency.AnswerSeal;
import io.dialright.platform.idempotency.IdempotencyKey;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.Races;
import io.dialright.testsupport.SecretsResource;
import io.dialright.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** {@code Idempotency-Key} on contact-service's POSTs: a repeat gets the first answer and changes nothing. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "contact"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
@QuarkusTestResource(EncryptionKeysResource.class)
class IdempotencyTest {

    private static final String REPLAYED = "Idempotent-Replayed";
    /** The web form as its keys are scoped. */
    private static final String WEB_FORM_CLIENT = AnswerSeal.client("web-form", List.of("integration"), null);

    @Inject
    DataSource dataSource;

    @Inject
    AnswerSeal seal;

    @Test
    void aCreateRepeatedWithItsKeyGetsTheFirstAnswerAndCreatesNothing() {
        String number = freshMobile();
        String key = UUID.randomUUID().toString();
        ExtractableResponse<Response> first = createWithKey(WEB_FORM, key, card("Olga", number))
                .statusCode(201).header(REPLAYED, nullValue()).extract();
        ExtractableResponse<Response> repeat = createWithKey(WEB_FORM, key, card("Olga", number))
                .statusCode(201).header(REPLAYED, "true").extract();

        assertThat(repeat.asByteArray()).isEqualTo(first.asByteArray());
        assertThat(repeat.header("Location")).isEqualTo(first.header("Location")).isNotNull();
        assertThat(repeat.contentType()).startsWith(ContentType.JSON.toString());
        given().auth().oauth2(SUPERVISOR_A).queryParam("phone", number).get("/api/contacts")
                .then().statusCode(200).body("total", equalTo(1));
        // Without the key the same request is a new one: the number is known now.
        Fixtures.create(WEB_FORM, card("Olga", number)).statusCode(409)
                .body("existingContactId", equalTo(first.path("id")));
    }

    @Test
    void theKeyWithAnotherRequestIsRefusedAndDoesNothing() {
        String key = UUID.randomUUID().toString();
        createWithKey(WEB_FORM, key, card("Pavel", freshMobile())).statusCode(201);
        String other = freshMobile();

        createWithKey(WEB_FORM, key, card("Pavel", other)).statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("new key"));
        given().auth().oauth2(SUPERVISOR_A).queryParam("phone", other).get("/api/contacts")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aKeyIsTheClientsOwn() {
        String key = UUID.randomUUID().toString();
        String webFormContact = createWithKey(WEB_FORM, key, card("Rita", freshMobile())).statusCode(201)
                .extract().path("id");
        // Another client's request under the same key is its own request, neither a replay nor a reuse.
        String supervisorContact = createWithKey(SUPERVISOR_A, key, card("Rita", freshMobile())).statusCode(201)
                .header(REPLAYED, nullValue()).extract().path("id");
        assertThat(supervisorContact).isNotEqualTo(webFormContact);
    }

    @Test
    void aClientWhoseRolesChangedIsAnsweredAfresh() {
        String number = freshMobile();
        String key = UUID.randomUUID().toString();
        createWithKey(WEB_FORM, key, card("Rosa", number)).statusCode(201);
        // The same subject with other roles is answered under the access it has now, not with the kept answer.
        String asSupervisor = TestTokens.token("web-form", "supervisor", "team-a");
        createWithKey(asSupervisor, key, card("Rosa", number)).statusCode(409).header(REPLAYED, nullValue())
                .body("title", equalTo("Number already known"));
    }

    @Test
    void aSecondRequestWhileTheFirstRunsIsToldToComeBackThenGetsItsAnswer() throws Exception {
        String survivor = Fixtures.createdBy(WEB_FORM, "Irina", freshMobile());
        String duplicate = Fixtures.createdBy(WEB_FORM, "Irina P.", freshMobile());
        String key = UUID.randomUUID().toString();
        // The merge waits for the survivor's row, which the test holds; the repeat comes meanwhile.
        int first = Races.statusOfHeldBack(dataSource, "contact", UUID.fromString(survivor), "%from contact%",
                () -> merge(survivor, duplicate, key).extract().statusCode(),
                () -> merge(survivor, duplicate, key).statusCode(409).header("Retry-After", "1")
                        .body("title", equalTo("Request in progress")));
        assertThat(first).isEqualTo(200);

        merge(survivor, duplicate, key).statusCode(200).header(REPLAYED, "true").body("id", equalTo(survivor));
        // Without the key the merge is a new request, and the duplicate is gone.
        given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON).body(Map.of("duplicateId", duplicate))
                .post("/api/contacts/{id}/merge", survivor).then().statusCode(404);
    }

    @Test
    void aCheckIsAnsweredAfreshWhateverTheKey() {
        String key = UUID.randomUUID().toString();
        for (int attempt = 0; attempt < 2; attempt++) {
            given().auth().oauth2(WEB_FORM).header("Idempotency-Key", key).contentType(ContentType.JSON)
                    .body(Map.of("number", "8 (916) 123-45-67")).post("/api/contacts/number-checks")
                    .then().statusCode(200).header(REPLAYED, nullValue());
        }
    }

    @Test
    void anAnswerKeptForReplayShowsNoDigits() throws Exception {
        String number = freshMobile();
        String key = UUID.randomUUID().toString();
        createWithKey(WEB_FORM, key, card("Sofia", number)).statusCode(201).body("phones[0].e164", equalTo(number));

        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT * FROM idempotent_request WHERE lookup_key = ?")) {
            select.setString(1, seal.lookupKey(WEB_FORM_CLIENT, new IdempotencyKey(key)));
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("the kept answer").isTrue();
                StringBuilder raw = new StringBuilder();
                for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                    byte[] value = row.getBytes(column);
                    raw.append(value == null ? "" : new String(value, StandardCharsets.ISO_8859_1)).append('|');
                }
                assertThat(raw.toString()).doesNotContain(number.substring(2)).doesNotContain(key);
            }
        }
    }

    @Test
    void whileTheFirstRequestRunsARepeatIsToldToComeBackAndAnAbandonedClaimIsTakenOver() throws Exception {
        String key = UUID.randomUUID().toString();
        String lookupKey = seal.lookupKey(WEB_FORM_CLIENT, new IdempotencyKey(key));
        Rows rows = new Rows(dataSource);
        // The claim of a request still running (its service has not answered yet).
        rows.count("WITH c AS (INSERT INTO idempotent_request (lookup_key, claim_id, started_at) VALUES (?, gen_random_uuid(), now()) "
                + "RETURNING 1) SELECT count(*) FROM c", lookupKey);
        String number = freshMobile();

        createWithKey(WEB_FORM, key, card("Tanya", number)).statusCode(409).header("Retry-After", "1")
                .body("title", equalTo("Request in progress"));
        given().auth().oauth2(SUPERVISOR_A).queryParam("phone", number).get("/api/contacts")
                .then().body("total", equalTo(0));

        // The same claim a quarter of an hour old: its service died before answering, and the repeat runs.
        rows.count("WITH c AS (UPDATE idempotent_request SET started_at = now() - interval '16 minutes' "
                + "WHERE lookup_key = ? RETURNING 1) SELECT count(*) FROM c", lookupKey);
        createWithKey(WEB_FORM, key, card("Tanya", number)).statusCode(201).header(REPLAYED, nullValue());
        createWithKey(WEB_FORM, key, card("Tanya", number)).statusCode(201).header(REPLAYED, "true");
    }

    @Test
    void aRefusalAboutTheCallerIsNotKeptButAnAnswerAboutTheRequestIs() {
        String key = UUID.randomUUID().toString();
        // A supervisor token without a team may not make segments: the 403 comes from inside the service, is
        // about the token, and a repeat with a better token must not get it again.
        String withoutTeam = TestTokens.token("supervisor-without-team", "supervisor");
        Map<String, Object> segment = Map.of("name", "Orphan", "filter", Map.of("tags", List.of("vip")));
        for (int attempt = 0; attempt < 2; attempt++) {
            given().auth().oauth2(withoutTeam).header("Idempotency-Key", key).contentType(ContentType.JSON)
                    .body(segment).post("/api/segments")
                    .then().statusCode(403).body("title", equalTo("No team")).header(REPLAYED, nullValue());
        }
        // A number that is no number is the request's own fault: that 400 is its answer, and it is kept.
        String other = UUID.randomUUID().toString();
        createWithKey(WEB_FORM, other, card("Uma", "12")).statusCode(400).header(REPLAYED, nullValue());
        createWithKey(WEB_FORM, other, card("Uma", "12")).statusCode(400).header(REPLAYED, "true")
                .contentType("application/problem+json").body("detail", containsString("too short"));
    }

    @Test
    void aKeyThatIsNoKeyIsRefused() {
        createWithKey(WEB_FORM, "two words", card("Vera", freshMobile())).statusCode(400)
                .body("detail", containsString("Idempotency-Key"));
        createWithKey(WEB_FORM, "k".repeat(256), card("Vera", freshMobile())).statusCode(400);
        given().auth().oauth2(WEB_FORM).header("Idempotency-Key", "one").header("Idempotency-Key", "two")
                .contentType(ContentType.JSON).body(card("Vera", freshMobile())).post("/api/contacts")
                .then().statusCode(400).body("detail", containsString("one Idempotency-Key"));
    }

    @Test
    void anImportSentTwiceUnderOneKeyIsOneJobAndItsBodyIsCompared() {
        String key = UUID.randomUUID().toString();
        String file = "name,phone\nWanda," + freshMobile() + "\n";
        String job = importWithKey(key, file).statusCode(202).header(REPLAYED, nullValue()).extract().path("id");

        importWithKey(key, file).statusCode(202).header(REPLAYED, "true").body("id", equalTo(job))
                .header("Location", "/api/imports/" + job);
        importWithKey(key, "name,phone\nWanda," + freshMobile() + "\n").statusCode(422);
        // The file name is a header the endpoint reads: the same file under another name is another request.
        given().auth().oauth2(SUPERVISOR_A).header("Idempotency-Key", key).header("X-File-Name", "wanda.csv")
                .contentType("text/csv").body(file.getBytes(StandardCharsets.UTF_8)).post("/api/imports")
                .then().statusCode(422).body("detail", containsString("header"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPostDeclaresTheHeaderAndNoOtherMethodDoes() {
        Map<String, Map<String, Object>> paths = given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().path("paths");
        paths.forEach((path, item) -> item.forEach((method, operation) -> {
            if (!(operation instanceof Map<?, ?> fields) || !fields.containsKey("responses")) {
                return; // a path item's own fields (summary, parameters) are no operation
            }
            List<Map<String, Object>> parameters = (List<Map<String, Object>>) fields.get("parameters");
            boolean declared = parameters != null && parameters.stream().anyMatch(parameter ->
                    "Idempotency-Key".equals(parameter.get("name")) && "header".equals(parameter.get("in")));
            assertThat(declared).as(method + " " + path).isEqualTo(method.equals("post"));
        }));
        assertThat(paths).containsKey("/api/imports");
    }

    /** A contact of team {@code team-a}, whose supervisor may look for it. */
    private static Map<String, Object> card(String name, String number) {
        Map<String, Object> body = new HashMap<>(Fixtures.contact(name, number));
        body.put("team", "team-a");
        return body;
    }

    private static io.restassured.response.ValidatableResponse createWithKey(String token, String key,
                                                                             Map<String, Object> body) {
        return given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/contacts").then();
    }

    private static io.restassured.response.ValidatableResponse merge(String survivor, String duplicate, String key) {
        return given().auth().oauth2(SUPERVISOR_A).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("duplicateId", duplicate)).post("/api/contacts/{id}/merge", survivor).then();
    }

    private static io.restassured.response.ValidatableResponse importWithKey(String key, String file) {
        return given().auth().oauth2(SUPERVISOR_A).header("Idempotency-Key", key).contentType("text/csv")
                .body(file.getBytes(StandardCharsets.UTF_8)).post("/api/imports").then();
    }
}
