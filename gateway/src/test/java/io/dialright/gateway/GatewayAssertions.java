package io.dialright.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Checks every problem answer the gateway writes itself must pass. */
final class GatewayAssertions {

    private GatewayAssertions() {
    }

    /** An RFC 9457 body with the given status and title, the request id of the response, and nothing internal. */
    static JsonPath assertProblem(Response response, int status, String title) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        String requestId = response.header("X-Request-Id");
        assertThat(requestId).isNotBlank();
        String body = response.asString();
        assertThat(body).doesNotContain("Exception", "io.dialright", "io.vertx", "at java.");
        JsonPath problem = response.jsonPath();
        assertThat(problem.getString("type")).isEqualTo("about:blank");
        assertThat(problem.getString("title")).isEqualTo(title);
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("detail")).isNotBlank().endsWith(".");
        assertThat(problem.getString("requestId")).isEqualTo(requestId);
        return problem;
    }
}
