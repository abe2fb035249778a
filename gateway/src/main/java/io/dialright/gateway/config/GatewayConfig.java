package io.dialright.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the gateway sends each API area and how long it waits for the services. */
@ConfigMapping(prefix = "dialright.gateway")
public interface GatewayConfig {

    /** Base URLs of the services, scheme, host and port only (no path). */
    Services services();

    /** Longest wait for a TCP connection to a service (or a free pooled one) before answering 504. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** Longest silence from a service once the request is sent, before and between response bytes, before 504. */
    @WithDefault("30s")
    Duration readTimeout();

    /** Most HTTP/1.1 connections kept to one service; further requests queue until one is free. */
    @WithDefault("100")
    int maxConnectionsPerService();

    /** The rules a token must meet beyond signature, issuer, audience and validity time. */
    Tokens tokens();

    /** Requests per second and burst, per person, per machine client and per address of refused requests. */
    RateLimits rateLimits();

    /** Largest request bodies; larger ones are answered 413 without reaching a service. */
    BodyLimits bodyLimits();

    /** The revocation list (dialright.access.v1) the gateway follows and writes. */
    Revocations revocations();

    /** How the gateway loads and follows the revocation list. */
    interface Revocations {

        /** How long start-up waits for the list before the gateway opens its port anyway (and answers 503). */
        @WithDefault("10s")
        Duration startupWait();

        /** Pause after a broker error before the feed tries again. */
        @WithDefault("1s")
        Duration retryBackoff();

        /** {@code Retry-After} of the 503 answered while the list is not loaded. */
        @WithDefault("5")
        int retryAfterSeconds();

        /** Partitions of the topic if the gateway is the first to create it (the services use the same default). */
        @WithDefault("3")
        int topicPartitions();

        @WithDefault("1")
        short topicReplicationFactor();
    }

    /** Token rules of API.md ("exp ≤ 15 min for people"). */
    interface Tokens {

        /** Longest lifetime ({@code exp - iat}) of a person's token. */
        @WithDefault("15m")
        Duration maxLifetime();

        /** Longest lifetime of a machine client's ({@code integration}) token. */
        @WithDefault("1h")
        Duration maxClientLifetime();

        /**
         * Key ids ({@code kid}) tokens may name. Unset: with a PEM key no token may name one (it was signed for
         * another key set); with a JWKS URL the library matches ids itself.
         */
        Optional<Set<String>> keyIds();
    }

    /** Token buckets: {@code rate} requests per second refill a bucket of {@code burst}. */
    interface RateLimits {

        /** People (every role but integration), per token subject. */
        @WithDefault("20")
        double perSubjectRate();

        @WithDefault("40")
        int perSubjectBurst();

        /** Machine clients (integration role), per token subject; see {@link #clientRate()} for exceptions. */
        @WithDefault("200")
        double perClientRate();

        @WithDefault("400")
        int perClientBurst();

        /** Per-client rates overriding {@link #perClientRate()} (burst = 2 × rate), by token subject. */
        Map<String, Double> clientRate();

        /** Requests refused with 401, per client address: keeps token guessing slow and the audit trail small. */
        @WithDefault("10")
        double unauthenticatedRate();

        @WithDefault("20")
        int unauthenticatedBurst();
    }

    /** Body size limits; sizes in bytes or with a unit ({@code 10M}, {@code 512M}). */
    interface BodyLimits {

        /** Every API request but uploads. */
        @WithDefault("1M")
        MemorySize standard();

        /** Uploads: contact imports and registry files (millions of lines). */
        @WithDefault("512M")
        MemorySize upload();

        /** The paths (prefixes, whole segments) that take {@link #upload()}. */
        @WithDefault("/api/imports,/api/registry/imports")
        List<String> uploadPaths();
    }

    /** Base URLs of the services the gateway routes to. */
    interface Services {

        /** contact-service: /api/contacts, /api/lookup, /api/imports, /api/exports, /api/segments. */
        @WithDefault("http://localhost:8081")
        URI contact();

        /** consent-service: consents, opt-outs, stop list, decisions, registry, privacy requests, templates. */
        @WithDefault("http://localhost:8082")
        URI consent();

        /** dialer-service: /api/campaigns, /api/call-events, /api/rulesets, /api/callbacks. */
        @WithDefault("http://localhost:8083")
        URI dialer();

        /** audit-service: /api/audit. */
        @WithDefault("http://localhost:8084")
        URI audit();
    }
}
