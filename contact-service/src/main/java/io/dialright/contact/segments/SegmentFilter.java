package io.dialright.contact.segments;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.dialright.contact.domain.ContactStatus;
import io.dialright.contact.domain.SourceChannel;

/**
 * What a segment selects. Every given condition must hold: all {@code tags}, any of {@code sources}, any of
 * {@code statuses} (default {@code ACTIVE}), and the last-contact age bounds.
 */
public record SegmentFilter(
        @Size(max = 20) List<@NotBlank @Size(max = 64) String> tags,
        @Size(max = 10) List<SourceChannel> sources,
        @Size(max = 4) List<ContactStatus> statuses,
        @PositiveOrZero @Max(36_500) Integer lastContactOlderThanDays,
        @PositiveOrZero @Max(36_500) Integer lastContactWithinDays) {
}
