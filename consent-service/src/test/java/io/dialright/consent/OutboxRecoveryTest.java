package io.dialright.consent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.dialright.localstack.Rows;
import io.dialright.platform.events.Topics;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.dialright.testsupport.TestTokens;
import io.dialright.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** The service keeps answering while Kafka is down; its outbox relay delivers everything once the broker is back. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
class OutboxRecoveryTest {

    private static final int OPT_OUTS = 100;

    @Inject
    DataSource dataSource;

    @Test
    void optOutsAcceptedDuringABrokerOutageAreAllPublishedAfterIt() {
        String operator = TestTokens.token("operator-5", "operator", "team-b");
        try (TopicProbe consents = TopicProbe.fromNow(Topics.CONSENTS)) {
            KafkaResource.broker().stop();
            try {
                for (int i = 0; i < OPT_OUTS; i++) {
                    given().auth().oauth2(operator).contentType(ContentType.JSON)
                            .body(Map.of("phone", String.format("+7 913 000-%02d-%02d", i / 100, i % 100),
                                    "channel", "IVR", "source", "outage-test"))
                            .post("/api/opt-outs")
                            .then().statusCode(201);
                }
            } finally {
                KafkaResource.broker().start();
            }

            Set<String> delivered = new HashSet<>();
            consents.await(event -> {
                if (event.eventType().equals("OptOutRecorded")
                        && "outage-test".equals(event.payload().path("source").asText())) {
                    delivered.add(event.eventId().toString());
                }
                return delivered.size() == OPT_OUTS;
            }, Duration.ofSeconds(90));
            Rows rows = new Rows(dataSource);
            assertThat(rows.count("SELECT count(*) FROM stop_list_entry WHERE source = 'outage-test'"))
                    .isEqualTo(OPT_OUTS);
            await().atMost(Duration.ofSeconds(20)).until(() -> rows.count(
                    "SELECT count(*) FROM outbox_event WHERE parked_at IS NULL") == 0);
        }
    }
}
