package io.dialright.dialer.rules;

import java.time.Instant;
import java.util.Objects;

/**
 * An earlier outbound attempt to the number, as the attempt limits see it.
 *
 * @param at           when it was made
 * @param operatorId   who made it, or {@code null} when unknown (counts as another operator for the lock)
 * @param outcome      SALE, CALLBACK, REFUSED, NO_ANSWER, BUSY, WRONG_NUMBER, OPT_OUT, COMPLAINT, RESOLVED, or
 *                     {@code null} while unknown
 * @param conversation it was answered: the conversation limits of 230-FZ count these
 */
public record PastAttempt(Instant at, String operatorId, String outcome, boolean conversation) {

    public PastAttempt {
        Objects.requireNonNull(at, "at");
    }
}
