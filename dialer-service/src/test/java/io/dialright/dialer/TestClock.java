package io.dialright.dialer;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.dialright.testsupport.ShiftableClock;

/** Replaces the system clock in tests, so a test can stand at 11:00 on a Wednesday in Moscow. */
public class TestClock {

    @Produces
    @Singleton
    ShiftableClock clock() {
        return new ShiftableClock();
    }
}
