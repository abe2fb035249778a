package io.dialright.dialer.campaign;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.dialright.dialer.rules.RulesetService;
import io.dialright.dialer.service.DialerAudit;
import io.dialright.platform.problem.Problem;
import io.dialright.platform.problem.ProblemException;
import io.dialright.platform.security.CurrentActor;
import io.dialright.platform.web.Page;

/**
 * Creating and steering campaigns (D-1). Supervisors manage the campaigns of their team; analysts read all of
 * them; operators see those they may call for. Anything else is a 404, so a campaign's existence is not revealed.
 */
@ApplicationScoped
public class CampaignService {

    private final CampaignRepository campaigns;
    private final CampaignCache cache;
    private final RulesetService rulesets;
    private final CurrentActor actor;
    private final DialerAudit audit;
    private final Clock clock;

    public CampaignService(CampaignRepository campaigns, CampaignCache cache, RulesetService rulesets,
                           CurrentActor actor, DialerAudit audit, Clock clock) {
        this.campaigns = campaigns;
        this.cache = cache;
        this.rulesets = rulesets;
        this.actor = actor;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public CampaignView create(CampaignRequest request) {
        String team = actor.team();
        if (team == null) {
            throw new ProblemException(403, "Forbidden", "Your token names no team: campaigns belong to a team.");
        }
        String rulesetId = request.rulesetId() != null ? request.rulesetId() : rulesets.defaultRulesetId();
        if (!rulesets.exists(rulesetId)) {
            throw new ProblemException(422, "Unknown ruleset", "There is no ruleset '" + rulesetId
                    + "'. GET /api/rulesets lists them.", List.of(new Problem.FieldError("rulesetId",
                    "unknown ruleset")));
        }
        List<String> teams = request.teams() == null || request.teams().isEmpty()
                ? List.of(team) : request.teams().stream().distinct().toList();
        if (!teams.equals(List.of(team))) {
            // Another team's operators would get the numbers of this team's contacts.
            throw ProblemException.invalidField("teams", "may only name your own team '" + team
                    + "': a campaign hands this team's contacts to its operators");
        }
        List<ScriptVariant> variants = request.scriptVariants() == null || request.scriptVariants().isEmpty()
                ? List.of(new ScriptVariant("default", 1)) : request.scriptVariants();
        if (variants.stream().map(ScriptVariant::name).distinct().count() != variants.size()) {
            throw ProblemException.invalidField("scriptVariants", "variant names must be unique");
        }
        Instant now = clock.instant();
        Campaign campaign = new Campaign();
        campaign.id = UUID.randomUUID();
        campaign.name = request.name().strip();
        campaign.purpose = request.purpose();
        campaign.rulesetId = rulesetId;
        campaign.scriptVariants = new ArrayList<>(variants);
        campaign.teams = new ArrayList<>(teams);
        campaign.sensitive = Boolean.TRUE.equals(request.sensitive());
        campaign.priority = request.priority() == null ? 0 : request.priority();
        campaign.status = CampaignStatus.DRAFT;
        campaign.followUpSms = request.followUpSms();
        campaign.createdBy = actor.subject();
        campaign.createdAt = now;
        campaign.updatedAt = now;
        campaigns.persist(campaign);
        return CampaignView.of(campaign, Map.of());
    }

    @Transactional
    public CampaignView view(UUID id) {
        Campaign campaign = readable(id);
        return CampaignView.of(campaign, campaigns.memberCounts(id));
    }

    @Transactional
    public Page<CampaignView> list(int page, int size) {
        if (!actor.hasRole(CurrentActor.ANALYST) && actor.team() == null) {
            return new Page<>(List.of(), page, size, 0);
        }
        String team = actor.hasRole(CurrentActor.ANALYST) ? null : actor.team();
        List<CampaignView> items = campaigns.page(team, page, size).stream()
                .map(campaign -> CampaignView.of(campaign, Map.of()))
                .toList();
        return new Page<>(items, page, size, campaigns.countVisible(team));
    }

    @Transactional
    public CampaignView setStatus(UUID id, CampaignStatus status) {
        Campaign campaign = managed(id);
        campaign.status = status;
        campaign.updatedAt = clock.instant();
        return CampaignView.of(campaign, campaigns.memberCounts(id));
    }

    /** A campaign the calling supervisor manages (their team is among its teams), else 404. */
    public Campaign managed(UUID id) {
        Campaign campaign = campaigns.findById(id);
        if (campaign == null || !actor.hasRole(CurrentActor.SUPERVISOR) || !campaign.isManagedBy(actor.team())) {
            throw denied("MANAGE_CAMPAIGN", id);
        }
        return campaign;
    }

    /** A campaign the caller may read: its supervisors and operators, analysts, machine clients; else 404. */
    public Campaign readable(UUID id) {
        Campaign campaign = campaigns.findById(id);
        if (campaign == null || !visible(campaign)) {
            throw denied("READ_CAMPAIGN", id);
        }
        return campaign;
    }

    /**
     * A campaign the caller may ask for calls — an operator of its teams, or a machine client (a predictive dialer)
     * — as a read-only copy from {@link CampaignCache}; else 404.
     */
    public Campaign callable(UUID id) {
        Campaign campaign = cache.current(id).orElse(null);
        boolean operatorOfTeam = campaign != null && actor.hasRole(CurrentActor.OPERATOR)
                && campaign.isManagedBy(actor.team());
        if (campaign == null || !operatorOfTeam && !actor.hasRole(CurrentActor.INTEGRATION)) {
            throw denied("NEXT_CALL", id);
        }
        return campaign;
    }

    private boolean visible(Campaign campaign) {
        boolean ownTeam = campaign.isManagedBy(actor.team())
                && (actor.hasRole(CurrentActor.SUPERVISOR) || actor.hasRole(CurrentActor.OPERATOR));
        return ownTeam || actor.hasRole(CurrentActor.ANALYST) || actor.hasRole(CurrentActor.INTEGRATION);
    }

    /** The 404 of a campaign the caller may not see (or that does not exist), audited as a denial. */
    public ProblemException denied(String attempted, UUID id) {
        audit.denied(attempted, id.toString());
        return ProblemException.notFound("There is no campaign " + id + " that you may see.");
    }
}
