package io.dialright.dialer.members;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/campaigns/{id}/members}: explicit contact ids (≤ 100,000) or a segment, not both. */
public record MembersRequest(@Size(max = 100_000) List<@NotNull UUID> contactIds, UUID segmentId) {
}
