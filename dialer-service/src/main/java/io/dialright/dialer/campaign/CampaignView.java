package io.dialright.dialer.campaign;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A campaign as the API shows it, with how many members stand in each queue state. */
public record CampaignView(UUID id, String name, Purpose purpose, String rulesetId, List<ScriptVariant> scriptVariants,
                           List<String> teams, boolean sensitive, int priority, CampaignStatus status,
                           FollowUpSms followUpSms, String createdBy, Instant createdAt, Instant updatedAt,
                           Map<String, Long> members) {

    static CampaignView of(Campaign campaign, Map<String, Long> members) {
        return new CampaignView(campaign.id, campaign.name, campaign.purpose, campaign.rulesetId,
                List.copyOf(campaign.scriptVariants), List.copyOf(campaign.teams), campaign.sensitive,
                campaign.priority, campaign.status, campaign.followUpSms, campaign.createdBy, campaign.createdAt,
                campaign.updatedAt, members);
    }
}
