package io.dialright.platform.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the shared mechanisms; every key can be set as a {@code DIALRIGHT_…} environment variable. */
@ConfigMapping(prefix = "dialright")
public interface PlatformConfig {

    /** Phone-number parsing. */
    Phone phone();

    /** The transactional outbox relay. */
    Outbox outbox();

    /** The idempotent consumers. */
    Consumer consumer();

    /** Topic administration. */
    Topics topics();

    /** How long messaging bookkeeping is kept. */
    Retention retention();

    /** The list of revoked subjects (dismissed employees) read from {@code dialright.access.v1}. */
    Revocations revocations();

    /** The replay of POSTs carrying {@code Idempotency-Key}. */
    Idempotency idempotency();

    /** Base64 key (≥ 32 bytes) of the HMAC blind index of phone numbers; the same in every service. */
    Optional<String> blindIndexKey();

    interface Phone {
        /** ISO region used for numbers typed without a country code. */
        @WithDefault("RU")
        String defaultRegion();
    }

    interface Outbox {
        /** Whether this instance relays its outbox to Kafka. */
        @WithDefault("true")
        boolean enabled();

        /** Events published per transaction of the relay. */
        @WithDefault("500")
        int batchSize();

        /** How long the relay waits for new events when the outbox is empty (it is also woken by commits). */
        @WithDefault("1s")
        Duration pollInterval();

        /** Pause after a failed publication (broker down) before trying again. */
        @WithDefault("1s")
        Duration retryBackoff();
    }

    interface Consumer {
        /** Whether this instance runs its event consumers. */
        @WithDefault("true")
        boolean enabled();

        /** Tries per message before it is parked as a dead letter. */
        @WithDefault("5")
        int maxAttempts();

        /** Pause after the first failed try; it grows linearly with each further try. */
        @WithDefault("200ms")
        Duration retryBackoff();
    }

    interface Retention {
        /** How often old rows are deleted. */
        @WithDefault("1h")
        Duration interval();

        /**
         * Processed-event ids are kept this long to recognise redeliveries: as long as the broker keeps a message
         * (Kafka's default retention, which the suite's topics keep), since an older one cannot come again.
         */
        @WithDefault("7d")
        Duration processedEvents();

        /**
         * Dead letters and parked outbox rows are deleted this long after they were parked: their values may hold
         * numbers in the clear (a telephony payload, an {@code SmsRequested}), which an erasure cannot find in them,
         * and K-7 wants everything of an erased number gone within 30 days of the request: what was parked before a
         * request is gone before its due date (29 days leave a day for the hourly run); what is parked after it (a
         * late call event) goes 29 days after it was parked. Until then a person can look at them and replay them.
         */
        @WithDefault("29d")
        Duration parkedMessages();
    }

    interface Idempotency {
        /** Whether POSTs with an {@code Idempotency-Key} are answered once and replayed (off where no POST is). */
        @WithDefault("true")
        boolean enabled();

        /** How long an answer is kept for replay; a key sent again after that starts a new request. */
        @WithDefault("24h")
        Duration keep();

        /**
         * A request still unanswered after this long is taken for one whose service died before it could keep its
         * answer: a repeat may then run it again. Longer than any request takes, an upload of a large import included.
         */
        @WithDefault("15m")
        Duration abandonedAfter();
    }

    interface Revocations {
        /**
         * How long start-up waits for the list to load; the HTTP port opens after it, so a healthy service never
         * answers the 503 of "not loaded". When the broker does not answer in time the port opens anyway: health is
         * served, requests with a token get 503 until the list is loaded.
         */
        @WithDefault("10s")
        Duration startupWait();

        /** Pause after a broker error before the feed tries again. */
        @WithDefault("1s")
        Duration retryBackoff();

        /** The {@code Retry-After} (seconds) of the 503 answered while the list is not loaded. */
        @WithDefault("5")
        int retryAfterSeconds();
    }

    interface Topics {
        /** Create missing Dialright topics at start (the compacted access topic too). */
        @WithDefault("true")
        boolean create();

        /** Partitions of topics created at start. */
        @WithDefault("3")
        int partitions();

        /** Replication factor of topics created at start. */
        @WithDefault("1")
        short replicationFactor();
    }
}
