package io.dialright.contact;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.dialright.testsupport.ShiftableClock;

/** Replaces the system clock in tests, so access can be made to lapse without waiting a day. */
public class TestClock {

    @Produces
    @Singleton
    ShiftableClock clock() {
        return new ShiftableClock();
    }
}
