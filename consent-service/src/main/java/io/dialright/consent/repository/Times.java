package io.dialright.consent.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Native queries return timestamps as whatever the driver and Hibernate chose: one instant for all of them. */
final class Times {

    private Times() {
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalStateException("Unexpected time value of type " + value.getClass().getSimpleName());
    }
}
