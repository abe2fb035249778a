package io.dialright.contact.segments;

import java.util.List;
import java.util.UUID;

/**
 * One page of a segment's members, ids only (a campaign needs no more), in id order: pass {@code next} as
 * {@code after} for the following page; {@code next} is absent on the last one.
 */
public record SegmentMembers(List<UUID> contactIds, UUID next) {
}
