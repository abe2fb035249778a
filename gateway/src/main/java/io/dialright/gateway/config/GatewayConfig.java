package io.dialright.gateway.config;

import java.net.URI;
import java.time.Duration;

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
