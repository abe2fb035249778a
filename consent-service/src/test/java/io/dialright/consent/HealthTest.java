package io.dialright.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Health and metrics as ./dialright up, orchestrators and monitoring read them; no token needed. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
class HealthTest {

    @Test
    void readyMeansTheDatabaseAndTheBrokerAnswer() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("kafka", "Database connections health check"));
    }

    @Test
    void aliveMeansEveryEventConsumerKeepsPolling() {
        given().get("/q/health/live")
                .then().statusCode(200)
                .body("checks.find { it.name == 'event-consumers' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'event-consumers' }.data.'consent-service.call-outcome-opt-outs'",
                        equalTo("polling"));
    }

    @Test
    void metricsExposeTheOutboxBacklogAndConsumerCounters() {
        given().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("dialright_outbox_backlog"))
                .body(containsString(
                        "dialright_consumer_duplicates_total{group=\"consent-service.call-outcome-opt-outs\""));
    }
}
