package io.dialright.platform.kafka;

import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the Kafka cluster has answered once (a service that never reached its broker is misconfigured).
 * After that a broker outage does not make the service unready: its events wait in the outbox, and taking it out
 * of rotation would refuse opt-outs, which must take effect at once. The current state is in the check's data and
 * the outbox backlog in the {@code dialright_outbox_backlog} gauge.
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    private final String bootstrapServers;
    private Admin admin;
    private volatile boolean reachedOnce;

    public KafkaReadinessCheck(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            int nodes = admin().describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
            reachedOnce = true;
            return HealthCheckResponse.named("kafka").up().withData("brokers", nodes).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("kafka").status(reachedOnce)
                    .withData("brokers", "unreachable (" + e.getClass().getSimpleName() + ")")
                    .withData("events", reachedOnce ? "wait in the outbox" : "cannot be published")
                    .build();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(KafkaClients.adminConfig(bootstrapServers));
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
