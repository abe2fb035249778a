package io.dialright.contact;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.dialright.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "contact"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
@QuarkusTestResource(EncryptionKeysResource.class)
class NumberCheckResourceTest {

    private static final String WEB_FORM = TestTokens.token("web-form", "integration");

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void russianNumberTypedTheOldWayIsNormalisedWithItsZones() {
        check(WEB_FORM, Map.of("number", "8 (495) 123-45-67"))
                .statusCode(200)
                .body("e164", equalTo("+74951234567"))
                .body("masked", equalTo("+7 (495) ***-**-67"))
                .body("type", equalTo("FIXED_LINE"))
                .body("region", equalTo("RU"))
                .body("timeZones", equalTo(List.of("Europe/Moscow")));
    }

    @Test
    void nationalNumberOfAnotherRegionIsReadInThatRegion() {
        check(WEB_FORM, Map.of("number", "030 123456", "region", "de"))
                .statusCode(200)
                .body("e164", equalTo("+4930123456"))
                .body("timeZones", hasItem("Europe/Berlin"));
    }

    @Test
    void analystsGetTheMaskedFormOnly() {
        check(TestTokens.token("analyst-1", "analyst"), Map.of("number", "+7 912 345-67-89"))
                .statusCode(200)
                .body("$", not(hasKey("e164")))
                .body("masked", equalTo("+7 (912) ***-**-89"));
    }

    @Test
    void wrongNumberSaysWhatToType() {
        check(WEB_FORM, Map.of("number", "8 (912) 345-67"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Invalid phone number"))
                .body("detail", containsString("Enter the number in the format +7 912 345-67-89"));
    }

    @Test
    void unknownRegionIsAFieldError() {
        check(WEB_FORM, Map.of("number", "123456", "region", "XX"))
                .statusCode(400)
                .body("errors[0].field", equalTo("region"));
    }

    @Test
    void adminsSeeNoBusinessData() {
        check(TestTokens.token("admin-1", "admin"), Map.of("number", "+7 912 345-67-89"))
                .statusCode(403)
                .contentType("application/problem+json");
    }

    private static ValidatableResponse check(String token, Map<String, String> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/contacts/number-checks").then();
    }
}
