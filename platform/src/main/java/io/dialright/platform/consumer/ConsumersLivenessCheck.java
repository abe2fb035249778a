package io.dialright.platform.consumer;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive only while every consumer loop keeps polling: a consumer that died or hangs would silently stop applying
 * events, and a restart is what brings it back.
 */
@Liveness
@ApplicationScoped
public class ConsumersLivenessCheck implements HealthCheck {

    /** A poll blocks at most 0.5 s and a message's retries take seconds; a minute without one means stuck. */
    private static final Duration STUCK = Duration.ofMinutes(1);

    private final ConsumerWorkers workers;

    public ConsumersLivenessCheck(ConsumerWorkers workers) {
        this.workers = workers;
    }

    @Override
    public HealthCheckResponse call() {
        List<IdempotentConsumer> consumers = workers.consumers();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("event-consumers").up();
        for (IdempotentConsumer consumer : consumers) {
            boolean polling = consumer.polledWithin(STUCK);
            response.withData(consumer.groupId(), polling ? "polling" : "stuck");
            if (!polling) {
                response.down();
            }
        }
        return response.build();
    }
}
