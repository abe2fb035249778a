package io.dialright.gateway.docs;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The API documentation the gateway serves for all services: {@code /openapi} and {@code /swagger-ui}. */
@ConfigMapping(prefix = "dialright.gateway.docs")
public interface DocsConfig {

    /** Whether {@code /openapi} and {@code /swagger-ui} are served at all (both answer 404 when not). */
    @WithDefault("true")
    boolean enabled();

    /** How long a merged document is served before the services are asked again. */
    @WithDefault("60s")
    Duration cacheTtl();

    /** Longest wait for one service's document (after connecting); a slower service is reported unavailable. */
    @WithDefault("5s")
    Duration fetchTimeout();
}
