package io.dialright.gateway.docs;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.dialright.gateway.stub.UpstreamStubResource;
import io.dialright.testsupport.JwtResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(UpstreamStubResource.class)
@TestProfile(DocsDisabledTest.DocsDisabled.class)
class DocsDisabledTest {

    public static class DocsDisabled implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dialright.gateway.docs.enabled", "false");
        }
    }

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/openapi", "/swagger-ui", "/swagger-ui/", "/swagger-ui/index.html"})
    void switchedOffDocumentationIsNotThere(String path) {
        given().redirects().follow(false).when().get(path)
                .then().statusCode(404);
    }
}
