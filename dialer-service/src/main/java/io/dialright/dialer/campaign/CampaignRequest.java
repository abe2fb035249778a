package io.dialright.dialer.campaign;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/campaigns}. {@code scriptVariants} defaults to one variant "default"; {@code teams}
 * to the creating supervisor's team (the only team it may name); {@code rulesetId} to the configured default.
 */
public record CampaignRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull Purpose purpose,
        @Pattern(regexp = "[a-z0-9-]{2,64}") String rulesetId,
        @Size(max = 20) List<@Valid @NotNull ScriptVariant> scriptVariants,
        @Size(max = 50) List<@NotBlank @Size(max = 100) String> teams,
        Boolean sensitive,
        @Min(0) @Max(100) Integer priority,
        @Valid FollowUpSms followUpSms) {
}
