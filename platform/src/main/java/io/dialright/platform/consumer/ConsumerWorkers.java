package io.dialright.platform.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import io.dialright.platform.config.PlatformConfig;
import io.dialright.platform.kafka.KafkaClients;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Starts one {@link IdempotentConsumer} thread per {@link EventSubscription} bean and stops them on shutdown. */
@ApplicationScoped
public class ConsumerWorkers {

    private final Instance<EventSubscription> subscriptions;
    private final JtaTransactionRunner transactions;
    private final PlatformConfig config;
    private final MeterRegistry meters;
    private final String bootstrapServers;
    private final String service;
    private final List<IdempotentConsumer> consumers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    public ConsumerWorkers(@Any Instance<EventSubscription> subscriptions, JtaTransactionRunner transactions,
                           PlatformConfig config, MeterRegistry meters,
                           @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                           @ConfigProperty(name = "quarkus.application.name") String service) {
        this.subscriptions = subscriptions;
        this.transactions = transactions;
        this.config = config;
        this.meters = meters;
        this.bootstrapServers = bootstrapServers;
        this.service = service;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.consumer().enabled()) {
            return;
        }
        for (EventSubscription subscription : subscriptions) {
            String group = service + "." + subscription.name();
            IdempotentConsumer consumer = new IdempotentConsumer(
                    new KafkaConsumer<>(KafkaClients.consumerConfig(bootstrapServers, group)),
                    new IdempotentConsumer.Settings(service, group, subscription.topics(),
                            config.consumer().maxAttempts(), config.consumer().retryBackoff()),
                    transactions, subscription);
            registerMeters(consumer);
            Thread thread = new Thread(consumer, group);
            thread.setDaemon(true);
            consumers.add(consumer);
            threads.add(thread);
            thread.start();
        }
    }

    private void registerMeters(IdempotentConsumer consumer) {
        Tags group = Tags.of("group", consumer.groupId());
        FunctionCounter.builder("dialright.consumer.applied", consumer, IdempotentConsumer::applied)
                .description("Events applied for the first time").tags(group).register(meters);
        FunctionCounter.builder("dialright.consumer.duplicates", consumer, IdempotentConsumer::duplicates)
                .description("Redelivered events recognised and skipped").tags(group).register(meters);
        FunctionCounter.builder("dialright.consumer.parked", consumer, IdempotentConsumer::parked)
                .description("Messages parked as dead letters").tags(group).register(meters);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        consumers.forEach(IdempotentConsumer::close);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(10).toMillis());
        }
    }

    /** The running consumers (liveness check, tests). */
    public List<IdempotentConsumer> consumers() {
        return List.copyOf(consumers);
    }
}
