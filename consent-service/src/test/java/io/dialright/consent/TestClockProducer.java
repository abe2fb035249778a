package io.dialright.consent;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.dialright.testsupport.ShiftableClock;

/**
 * Replaces platform's default clock in this module's tests with one they can move ("11 minutes later") and reset
 * after themselves, so expiry and due dates are tested without waiting.
 */
public class TestClockProducer {

    @Produces
    @Singleton
    ShiftableClock clock() {
        return new ShiftableClock();
    }
}
