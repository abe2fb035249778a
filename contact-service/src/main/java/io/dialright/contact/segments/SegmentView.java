package io.dialright.contact.segments;

import java.time.Instant;
import java.util.UUID;

/** A segment with the number of contacts it selects right now. */
public record SegmentView(UUID id, String name, String team, SegmentFilter filter, long members, String createdBy,
                          Instant createdAt) {
}
