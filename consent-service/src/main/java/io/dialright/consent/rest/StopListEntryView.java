package io.dialright.consent.rest;

import java.time.Instant;
import java.util.UUID;

import io.dialright.consent.domain.CustomerChannel;
import io.dialright.consent.domain.StopListEntry;

/**
 * A stop-list entry as clients see it: the number masked, never its blind index. {@code alreadyListed} tells an
 * opt-out that found the number blocked by an earlier entry.
 */
public record StopListEntryView(UUID id, String masked, CustomerChannel channel, String source, String reason,
                                String callId, String recordedBy, Instant recordedAt, boolean alreadyListed) {

    static StopListEntryView of(StopListEntry entry, boolean alreadyListed) {
        return new StopListEntryView(entry.id, entry.masked, entry.channel, entry.source, entry.reason,
                entry.callId, entry.recordedBy, entry.recordedAt, alreadyListed);
    }
}
