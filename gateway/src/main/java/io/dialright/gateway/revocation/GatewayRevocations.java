package io.dialright.gateway.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.dialright.access.Revocation;
import io.dialright.access.RevocationFeed;
import io.dialright.access.RevocationList;
import io.dialright.access.Revoker;
import io.dialright.access.SubjectRevokedCodec;
import io.dialright.gateway.config.GatewayConfig;
import io.dialright.gateway.events.EventPublisher;
import io.quarkus.runtime.StartupEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The gateway's view of the revocation list (a dismissed employee is refused at once): it follows
 * {@code dialright.access.v1} from the beginning like every service, and it is where revocations are made. A new
 * revocation is applied here as soon as the broker has it, so the very next request of that subject is refused by
 * this gateway; the services and other gateway instances apply it when their feed reads it (well under a second).
 */
@Singleton
public class GatewayRevocations {

    private static final Logger LOG = Logger.getLogger(GatewayRevocations.class);
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

    private final RevocationList list = new RevocationList();
    private final GatewayConfig.Revocations config;
    private final String bootstrapServers;
    private final EventPublisher events;
    private final Clock clock = Clock.systemUTC();
    private RevocationFeed feed;

    public GatewayRevocations(GatewayConfig config, EventPublisher events,
                              @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config.revocations();
        this.events = events;
        this.bootstrapServers = bootstrapServers;
    }

    /** Start-up waits a little for the list, so a gateway whose broker answers never serves before it knows it. */
    void start(@Observes StartupEvent start) throws InterruptedException {
        feed = RevocationFeed.start(list, new RevocationFeed.Settings(bootstrapServers, "gateway-revocations", true,
                config.topicPartitions(), config.topicReplicationFactor(), config.retryBackoff()));
        if (list.awaitLoaded(config.startupWait())) {
            LOG.infof("Revocations loaded: %d revoked subjects", list.size());
        } else {
            LOG.warnf("The revocation list could not be read within %s (broker %s); API requests are answered 503"
                    + " until it is.", config.startupWait(), bootstrapServers);
        }
    }

    @PreDestroy
    void stop() {
        if (feed != null) {
            feed.close();
        }
    }

    public boolean loaded() {
        return list.loaded();
    }

    public RevocationFeed.Status status() {
        return feed == null ? new RevocationFeed.Status(false, false, 0, 0, "not started", null) : feed.status();
    }

    /** The revocation refusing a token of {@code subject} issued at {@code issuedAt}, if any. */
    public Optional<Revocation> refusing(String subject, long issuedAt) {
        return list.refusing(subject, issuedAt);
    }

    public List<Revocation> all() {
        return list.all();
    }

    /**
     * Revokes {@code subject} from {@code requestedAt} (now if absent); an earlier revocation of the subject with a
     * later effective time is kept, so a revocation never lets older tokens back in. Completes once the broker has
     * the event, with the revocation now in force; fails if the broker has not confirmed it within ten seconds
     * (then it may still arrive later: the administrator is told to try again, which is harmless).
     */
    public CompletionStage<Revocation> revoke(String subject, Instant requestedAt, String reason, Revoker revoker) {
        Instant effectiveAt = requestedAt != null ? requestedAt : clock.instant();
        Optional<Revocation> earlier = list.of(subject);
        if (earlier.isPresent() && earlier.get().effectiveAt().isAfter(effectiveAt)) {
            effectiveAt = earlier.get().effectiveAt();
        }
        Revocation revocation = new Revocation(subject, effectiveAt, reason);
        return events.sendRevocation(SubjectRevokedCodec.record(revocation, revoker, EventPublisher.PRODUCER))
                .toCompletableFuture()
                // The producer gives up after its delivery timeout (15 s); the administrator hears back sooner.
                .orTimeout(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS)
                .thenApply(sent -> {
                    list.apply(revocation);
                    return revocation;
                });
    }

    public int retryAfterSeconds() {
        return config.retryAfterSeconds();
    }
}
