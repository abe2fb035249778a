package io.dialright.platform.time;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/**
 * The time every use case reads: the system clock in UTC. Code that decides by time (expiry, lapsing access, rolling
 * windows) takes this {@link Clock} rather than calling {@code Instant.now()}, so tests can move it.
 */
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
