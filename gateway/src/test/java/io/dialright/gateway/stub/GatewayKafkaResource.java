package io.dialright.gateway.stub;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import io.dialright.gateway.audit.DenialAudit;
import io.dialright.localstack.EmbeddedKafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A real broker (KRaft, in the test JVM) for the gateway's events, with the topics it writes. One per JVM, stopped
 * by a shutdown hook.
 */
public class GatewayKafkaResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedKafkaBroker broker;

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", broker().bootstrapServers());
    }

    @Override
    public void stop() {
    }

    public static synchronized EmbeddedKafkaBroker broker() {
        if (broker == null) {
            try {
                broker = new EmbeddedKafkaBroker(Files.createTempDirectory("gateway-kafka"), 0, 0);
                broker.start();
                try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers()))) {
                    admin.createTopics(List.of(new NewTopic(DenialAudit.TOPIC, 1, (short) 1))).all().get();
                }
                EmbeddedKafkaBroker started = broker;
                Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "gateway-kafka-shutdown"));
            } catch (Exception e) {
                throw new IllegalStateException("Could not start the test Kafka broker", e);
            }
        }
        return broker;
    }
}
