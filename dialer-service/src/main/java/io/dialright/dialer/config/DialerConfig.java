package io.dialright.dialer.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** dialer-service settings ({@code dialright.dialer.*}; environment {@code DIALRIGHT_DIALER_*}). */
@ConfigMapping(prefix = "dialright.dialer")
public interface DialerConfig {

    Encryption encryption();

    Consent consent();

    Contacts contacts();

    HandOut handOut();

    Webhooks webhooks();

    interface Encryption {

        /** The dialer's own key ring for its members' numbers, {@code id:base64-32-byte-key,…}; never in the database. */
        String keyRing();

        /** The id of the key that seals new values. */
        String primaryKeyId();
    }

    interface Consent {

        /** consent-service's base URL: the synchronous decision before every hand-out. */
        @WithDefault("http://localhost:8082")
        String url();

        /** How long a decision may take before the hand-out fails closed. */
        @WithDefault("2s")
        Duration timeout();

        /** When a number consent-service blocked is asked about again (a consent may be granted meanwhile). */
        @WithDefault("24h")
        Duration recheckAfter();
    }

    interface Contacts {

        /** contact-service's base URL: segments and the numbers of new members. */
        @WithDefault("http://localhost:8081")
        String url();

        @WithDefault("30s")
        Duration timeout();
    }

    interface HandOut {

        /** How long a handed-out contact stays reserved for its operator without any call event. */
        @WithDefault("3m")
        Duration lease();

        /** How long the lease of an answered call lasts (the call is going on). */
        @WithDefault("2h")
        Duration answeredLease();

        /** Candidates examined (and explained) by one request before it answers 204. */
        @WithDefault("20")
        int maxCandidates();

        /** Candidates are examined for at most this long (each may wait for consent-service); then 204. */
        @WithDefault("5s")
        Duration timeBudget();

        /** How long the 204 summary of a campaign is reused. */
        @WithDefault("10s")
        Duration summaryTtl();

        /** How often waiting members are woken and lapsed leases freed ({@code off} in tests, which run it). */
        @WithDefault("5s")
        String queueJobEvery();
    }

    interface Webhooks {

        /**
         * The HMAC-SHA256 secret of each integration client that posts call events, by the client's subject
         * ({@code dialright.dialer.webhooks.secrets."pbx-1"=…}). A client without a secret cannot post call events.
         */
        Map<String, String> secrets();

        /** A secret to use for every client without its own (development only). */
        Optional<String> defaultSecret();
    }
}
