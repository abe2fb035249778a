package io.dialright.consent.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code StopListEntryRemoved} on {@code dialright.consents.v1} (key: the number's blind index): a
 * supervisor took the number off the stop list, with a reason. Its consents decide again from this event on.
 */
public record StopListEntryRemoved(UUID stopListEntryId, String phoneHash, String masked, String removedBy,
                                   String reason, Instant removedAt) {

    public static final String TYPE = "StopListEntryRemoved";
}
