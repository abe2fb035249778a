package io.dialright.consent.config;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The time every decision, expiry and due date is read from. Tests replace it with a clock they can move, so code
 * expiry, consent validity and overdue requests are tested without waiting.
 */
public class ClockProducer {

    @Produces
    @Singleton
    public Clock clock() {
        return Clock.systemUTC();
    }
}
