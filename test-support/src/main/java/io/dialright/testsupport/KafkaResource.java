package io.dialright.testsupport;

import java.nio.file.Files;
import java.util.Map;

import io.dialright.access.AccessTopic;
import io.dialright.localstack.EmbeddedKafkaBroker;
import io.dialright.platform.events.Topics;
import io.dialright.platform.kafka.KafkaClients;
import io.dialright.platform.kafka.TopicCreator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.clients.admin.Admin;

/**
 * A real Kafka broker (KRaft) inside the test JVM, with every Dialright topic created (the access topic compacted).
 * Tests that simulate an outage call {@link #broker()}{@code .stop()} and {@code .start()}: the broker comes back on
 * the same port with its data.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedKafkaBroker broker;

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", broker().bootstrapServers());
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; stopped by the shutdown hook below.
    }

    /** The broker of this JVM, started (with topics) on first use. */
    public static synchronized EmbeddedKafkaBroker broker() {
        if (broker == null) {
            try {
                broker = new EmbeddedKafkaBroker(Files.createTempDirectory("dialright-kafka"), 0, 0);
                broker.start();
                try (Admin admin = Admin.create(KafkaClients.adminConfig(broker.bootstrapServers()))) {
                    TopicCreator.ensure(admin, Topics.ALL, 3, (short) 1);
                    AccessTopic.ensure(admin, 3, (short) 1);
                }
                EmbeddedKafkaBroker started = broker;
                Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-kafka-shutdown"));
            } catch (Exception e) {
                throw new IllegalStateException("Could not start the test Kafka broker", e);
            }
        }
        return broker;
    }

}
