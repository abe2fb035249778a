package io.dialright.contact.segments;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A new segment of the supervisor's team. */
public record SegmentRequest(@NotBlank @Size(max = 200) String name, @Valid @NotNull SegmentFilter filter) {
}
