package io.dialright.platform.outbox;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.dialright.platform.config.PlatformConfig;
import io.dialright.platform.events.Topics;
import io.dialright.platform.kafka.KafkaClients;
import io.dialright.platform.kafka.TopicCreator;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs this service's {@link OutboxRelay} on one background thread: it first makes sure the topics exist, then
 * publishes until the outbox is empty, then waits for the next commit (or the poll interval). While the broker is
 * unreachable it retries, logging once per outage; the events wait safely in the database.
 */
@ApplicationScoped
public class OutboxRelayWorker {

    private static final Logger LOG = Logger.getLogger(OutboxRelayWorker.class);

    private final DataSource dataSource;
    private final OutboxSignal signal;
    private final PlatformConfig config;
    private final MeterRegistry meters;
    private final String bootstrapServers;
    private final String service;
    private final AtomicLong published = new AtomicLong();
    private volatile boolean running;
    private Thread thread;
    private Producer<String, byte[]> producer;

    public OutboxRelayWorker(DataSource dataSource, OutboxSignal signal, PlatformConfig config, MeterRegistry meters,
                             @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                             @ConfigProperty(name = "quarkus.application.name") String service) {
        this.dataSource = dataSource;
        this.signal = signal;
        this.config = config;
        this.meters = meters;
        this.bootstrapServers = bootstrapServers;
        this.service = service;
    }

    void start(@Observes StartupEvent startup) {
        Gauge.builder("dialright.outbox.backlog", this, OutboxRelayWorker::backlog)
                .description("Events committed to the outbox and not yet acknowledged by Kafka")
                .register(meters);
        Gauge.builder("dialright.outbox.published", published, AtomicLong::get)
                .description("Events this instance published since it started")
                .register(meters);
        if (!config.outbox().enabled()) {
            return;
        }
        producer = new KafkaProducer<>(KafkaClients.producerConfig(bootstrapServers, service + "-outbox"));
        running = true;
        thread = new Thread(this::run, service + "-outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (thread == null) {
            return;
        }
        running = false;
        signal.committed();
        thread.join(Duration.ofSeconds(10).toMillis());
        producer.close(Duration.ofSeconds(5));
    }

    /** Events committed but not yet published; NaN when the database cannot be asked. */
    public double backlog() {
        try (Connection connection = dataSource.getConnection()) {
            return new OutboxStore().backlog(connection);
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    private void run() {
        OutboxRelay relay = new OutboxRelay(dataSource, producer, service, config.outbox().batchSize());
        boolean topicsReady = !config.topics().create();
        boolean failing = false;
        while (running) {
            try {
                if (!topicsReady) {
                    createTopics();
                    topicsReady = true;
                }
                OutboxRelay.RunResult result = relay.relayOnce();
                published.addAndGet(result.published());
                if (result.failed()) {
                    failing = reportFailure(failing, result.error());
                    pause(config.outbox().retryBackoff());
                } else {
                    failing = reportRecovery(failing);
                    if (result.batchSize() < config.outbox().batchSize()) {
                        signal.awaitCommit(config.outbox().pollInterval());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failing = reportFailure(failing, e.getClass().getSimpleName() + ": " + e.getMessage());
                pause(config.outbox().retryBackoff());
            }
        }
    }

    private void createTopics() throws Exception {
        try (Admin admin = Admin.create(KafkaClients.adminConfig(bootstrapServers))) {
            TopicCreator.ensure(admin, Topics.ALL, config.topics().partitions(),
                    config.topics().replicationFactor());
        }
    }

    private boolean reportFailure(boolean alreadyFailing, String error) {
        if (!alreadyFailing) {
            LOG.warnf("Outbox relay of %s cannot publish, events wait in the outbox: %s", service, error);
        }
        return true;
    }

    private boolean reportRecovery(boolean wasFailing) {
        if (wasFailing) {
            LOG.infof("Outbox relay of %s publishes again", service);
        }
        return false;
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
