package io.dialright.contact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

import io.dialright.localstack.EmbeddedKafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A broker whose address the service is given at start while it is not up yet: the test starts it when it wants
 * the service to reach Kafka for the first time. Its ports are fixed when the resource starts.
 */
public class LateKafkaResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedKafkaBroker broker;

    @Override
    public Map<String, String> start() {
        try {
            broker = new EmbeddedKafkaBroker(Files.createTempDirectory("dialright-late-kafka"), 0, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        broker.stop();
    }

    /** The broker, not started until a test calls {@code start()}. */
    static EmbeddedKafkaBroker broker() {
        return broker;
    }
}
