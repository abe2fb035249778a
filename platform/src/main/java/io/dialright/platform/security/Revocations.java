package io.dialright.platform.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.dialright.access.Revocation;
import io.dialright.access.RevocationFeed;
import io.dialright.access.RevocationList;
import io.dialright.platform.config.PlatformConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The subjects whose tokens this service refuses (dismissed employees): access-list's feed follows
 * {@code dialright.access.v1} from start-up on. A service may be called without the gateway, so it keeps its own
 * list rather than trusting the gateway's check.
 */
@ApplicationScoped
public class Revocations {

    private static final Logger LOG = Logger.getLogger(Revocations.class);

    private final RevocationList list = new RevocationList();
    private final PlatformConfig config;
    private final String bootstrapServers;
    private final String service;
    private RevocationFeed feed;

    public Revocations(PlatformConfig config,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                       @ConfigProperty(name = "quarkus.application.name") String service) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.service = service;
    }

    void start(@Observes StartupEvent startup) throws InterruptedException {
        feed = RevocationFeed.start(list, new RevocationFeed.Settings(bootstrapServers, service + "-revocations",
                config.topics().create(), config.topics().partitions(), config.topics().replicationFactor(),
                config.revocations().retryBackoff()));
        // The HTTP port opens only after the start-up observers: waiting here (bounded) means a service whose
        // broker answers never serves a request before it knows who is revoked.
        if (!list.awaitLoaded(config.revocations().startupWait())) {
            LOG.warnf("Revocations not loaded within %s: requests with a token are answered 503 until they are",
                    config.revocations().startupWait());
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (feed != null) {
            feed.close();
        }
    }

    /** Whether the topic has been read up to its end of start-up; until then nobody may be served. */
    public boolean loaded() {
        return list.loaded();
    }

    /** The revocation that refuses a token of {@code subject} issued at {@code issuedAt} ({@code iat}), if any. */
    public Optional<Revocation> refusing(String subject, Long issuedAt) {
        return list.refusing(subject, issuedAt);
    }

    /** The feed's state for the readiness check; empty before start-up. */
    public Optional<RevocationFeed.Status> status() {
        return Optional.ofNullable(feed).map(RevocationFeed::status);
    }
}
