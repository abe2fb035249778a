package io.dialright.dialer.stats;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code GET /api/campaigns/{id}/stats}: the campaign as a whole, per operator, per script variant, per source. */
public record CampaignStats(UUID campaignId, Instant computedAt, GroupStats total, List<GroupStats> operators,
                            List<GroupStats> scriptVariants, List<GroupStats> sources) {
}
