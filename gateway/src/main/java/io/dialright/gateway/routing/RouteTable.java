package io.dialright.gateway.routing;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.dialright.gateway.config.GatewayConfig;

/** Answers "which service owns this path?" for the proxy. */
@Singleton
public class RouteTable {

    private final Map<Service, Upstream> upstreams = new EnumMap<>(Service.class);

    public RouteTable(GatewayConfig config) {
        GatewayConfig.Services services = config.services();
        upstreams.put(Service.CONTACT, Upstream.of(Service.CONTACT, services.contact()));
        upstreams.put(Service.CONSENT, Upstream.of(Service.CONSENT, services.consent()));
        upstreams.put(Service.DIALER, Upstream.of(Service.DIALER, services.dialer()));
        upstreams.put(Service.AUDIT, Upstream.of(Service.AUDIT, services.audit()));
    }

    /** The service owning {@code normalizedPath}, or empty when no route matches (the caller answers 404). */
    public Optional<Upstream> resolve(String normalizedPath) {
        for (Map.Entry<Service, Upstream> entry : upstreams.entrySet()) {
            if (entry.getKey().owns(normalizedPath)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }
}
