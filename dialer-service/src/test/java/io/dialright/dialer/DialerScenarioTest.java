package io.dialright.dialer;

import static io.dialright.dialer.DialerFixtures.WEDNESDAY_11_MOSCOW;
import static io.dialright.dialer.DialerFixtures.standAt;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.dialright.platform.crypto.BlindIndex;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.dialright.testsupport.ShiftableClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The dialer's scenarios: real PostgreSQL and Kafka, contact- and consent-service stubbed at their HTTP API, and
 * every test standing at Wednesday 11:00 in Moscow (inside every preset's hours) with the stubs reset.
 */
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "dialer"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
@QuarkusTestResource(DialerKeysResource.class)
@QuarkusTestResource(BoundaryStubs.class)
abstract class DialerScenarioTest {

    @Inject
    BlindIndex blindIndex;

    @Inject
    DataSource dataSource;

    @Inject
    ShiftableClock clock;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void wednesdayMorning() {
        Stubs.reset();
        standAt(clock, WEDNESDAY_11_MOSCOW);
    }

    @AfterEach
    void backToNow() {
        clock.reset();
    }
}
