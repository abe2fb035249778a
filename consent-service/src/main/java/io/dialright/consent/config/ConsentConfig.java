package io.dialright.consent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of consent-service; environment variables {@code DIALRIGHT_CONSENT_…}. */
@ConfigMapping(prefix = "dialright.consent")
public interface ConsentConfig {

    /** Double opt-in by SMS code (K-3). */
    DoubleOptIn doubleOptIn();

    /** How many SMS each client may cause: they cost money. */
    SmsQuota smsQuota();

    /** Erasure requests (K-7). */
    Erasure erasure();

    /** Access requests (K-8). */
    Access access();

    /** National do-not-call registry imports (K-5). */
    Registry registry();

    /** Decisions (K-6). */
    Decisions decisions();

    /** The company named in notices that have no consent template (erasure receipts). */
    @WithDefault("Dialright")
    String companyName();

    /** How often published {@code SmsRequested} rows (numbers, codes) are deleted from the outbox. */
    @WithDefault("30s")
    Duration smsScrubInterval();

    /** How often open erasure requests are checked against their due date. */
    @WithDefault("1h")
    Duration overdueCheckInterval();

    /**
     * How long an operator keeps access to a contact's consent records after their last contact with the customer
     * (the same TTL as contact-service's {@code dialright.contact.assignment-ttl}).
     */
    @WithDefault("24h")
    Duration assignmentTtl();

    interface DoubleOptIn {
        /** How long a sent code can be used. */
        @WithDefault("10m")
        Duration codeValidity();

        /** Wrong codes accepted per sent code; the next try is answered 429. */
        @WithDefault("5")
        int maxAttempts();

        /** New codes a customer may ask for after the first one. */
        @WithDefault("3")
        int maxResends();

        /** Least time between two codes sent for one consent. */
        @WithDefault("60s")
        Duration resendInterval();
    }

    interface SmsQuota {
        /** Double opt-in codes one client (the token's {@code sub}) may cause per rolling 24 hours. */
        @WithDefault("1000")
        int perClientPerDay();

        /** Per-client limits that replace the default, by subject: {@code clients."web-form"=5000}. */
        Map<String, Integer> clients();

        default int limitFor(String client) {
            return clients().getOrDefault(client, perClientPerDay());
        }
    }

    interface Erasure {
        /** Time the law gives to complete an erasure; the ticket's due date. */
        @WithDefault("30d")
        Duration due();

        /**
         * Services that must confirm an erasure before the ticket completes, as named in the {@code producer} of
         * their confirmation events ({@code ContactErased}, {@code CampaignMembershipsErased}).
         */
        @WithDefault("contact-service,dialer-service")
        List<String> confirmations();
    }

    interface Access {
        /** Time the law gives to answer an access request; the ticket's due date. */
        @WithDefault("30d")
        Duration due();
    }

    interface Decisions {
        /** Connections one large batch is decided on at once (chunks of at least 2,500 numbers). */
        @WithDefault("2")
        int parallelism();

        /** How often the audit entries of single decisions are written to the outbox, together. */
        @WithDefault("200ms")
        Duration auditInterval();
    }

    interface Registry {
        /** Where uploaded registry files wait while they are imported (default: the system's temporary folder). */
        Optional<Path> uploadDir();

        /** Rejected lines listed in an import's {@code errors} (all are counted). */
        @WithDefault("100")
        int maxErrors();

        /** Lines between two progress updates of an import. */
        @WithDefault("50000")
        int progressEvery();

        /** Threads that parse and hash numbers while the database loads them. */
        @WithDefault("2")
        int parsers();
    }
}
