package io.dialright.consent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Versioned consent texts (K-2): a version that was shown to anyone never changes. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
class ConsentTemplateTest {

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void postingTheSameCodeAgainCreatesTheNextVersion() {
        String code = "marketing-" + UUID.randomUUID();
        create(Api.templateBody(code, "MARKETING")).statusCode(201)
                .body("version", equalTo(1)).body("shown", equalTo(false)).body("inn", equalTo(Api.INN));
        create(Api.templateBody(code, "MARKETING")).statusCode(201).body("version", equalTo(2));

        given().auth().oauth2(Api.OPERATOR).queryParam("code", code)
                .get("/api/consent-templates")
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.version", equalTo(List.of(1, 2)));
    }

    @Test
    void aVersionNobodySawCanBeCorrected() {
        String code = "survey-" + UUID.randomUUID();
        String id = create(Api.templateBody(code, "SURVEY")).statusCode(201).extract().path("id");
        Map<String, Object> corrected = Api.templateBody(code, "SURVEY");
        corrected.put("frequency", "one survey after each order");

        correct(id, corrected).statusCode(200)
                .body("frequency", equalTo("one survey after each order"))
                .body("version", equalTo(1));
    }

    @Test
    void aShownVersionIsImmutableAndTheAnswerSaysHowToChangeIt() {
        String code = "marketing-" + UUID.randomUUID();
        String id = create(Api.templateBody(code, "MARKETING")).statusCode(201).extract().path("id");
        Api.grant(Api.INTEGRATION, Api.consentBody(Api.mobile(), "MARKETING", "VOICE", "CONSENT", id))
                .statusCode(201);

        given().auth().oauth2(Api.OPERATOR).get("/api/consent-templates/{id}", id)
                .then().statusCode(200).body("shown", equalTo(true));
        correct(id, Api.templateBody(code, "MARKETING"))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("POST the new text"))
                .body("detail", containsString("version 2"));
    }

    @Test
    void theDatabaseRefusesToChangeAShownVersionToo() throws Exception {
        String id = Api.template("MARKETING");
        Api.grant(Api.INTEGRATION, Api.consentBody(Api.mobile(), "MARKETING", "SMS", "CONSENT", id))
                .statusCode(201);

        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE consent_template SET body = 'something else' WHERE id = ?")) {
            update.setObject(1, UUID.fromString(id));
            assertThatThrownBy(update::executeUpdate).hasMessageContaining("has been shown and cannot change");
        }
    }

    @Test
    void anInnWithWrongCheckDigitsIsRefused() {
        Map<String, Object> body = Api.templateBody("bad-inn", "MARKETING");
        body.put("inn", "7701234561");

        create(body).statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("inn"))
                .body("detail", containsString("check digits"));
    }

    @Test
    void missingLegalContentIsListedByField() {
        Map<String, Object> body = Api.templateBody("incomplete", "MARKETING");
        body.remove("revocation");
        body.remove("dataComposition");

        create(body).statusCode(400)
                .body("errors.field", hasItem("revocation"))
                .body("errors.field", hasItem("dataComposition"));
    }

    @Test
    void onlyPrivacyOfficersWriteTemplates() {
        given().auth().oauth2(Api.SUPERVISOR).contentType(ContentType.JSON)
                .body(Api.templateBody("by-supervisor", "MARKETING"))
                .post("/api/consent-templates")
                .then().statusCode(403).contentType("application/problem+json");
    }

    private static ValidatableResponse create(Map<String, Object> body) {
        return given().auth().oauth2(Api.PRIVACY_OFFICER).contentType(ContentType.JSON).body(body)
                .post("/api/consent-templates").then();
    }

    private static ValidatableResponse correct(String id, Map<String, Object> body) {
        return given().auth().oauth2(Api.PRIVACY_OFFICER).contentType(ContentType.JSON).body(body)
                .put("/api/consent-templates/{id}", id).then();
    }
}
