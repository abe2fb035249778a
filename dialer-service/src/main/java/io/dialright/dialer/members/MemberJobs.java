package io.dialright.dialer.members;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.dialright.dialer.campaign.Campaign;
import io.dialright.dialer.campaign.CampaignService;
import io.dialright.dialer.service.DialerAudit;
import io.dialright.platform.problem.ProblemException;
import io.dialright.platform.security.CurrentActor;
import io.quarkus.hibernate.orm.panache.Panache;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Accepts a request to add members (202 at once) and hands it to {@link MemberJobRunner}. The job reads the numbers
 * from contact-service with the requesting supervisor's token, so it adds only contacts that supervisor may see.
 */
@ApplicationScoped
public class MemberJobs {

    private final CampaignService campaigns;
    private final MemberJobRunner runner;
    private final CurrentActor actor;
    private final JsonWebToken token;
    private final DialerAudit audit;
    private final Clock clock;

    public MemberJobs(CampaignService campaigns, MemberJobRunner runner, CurrentActor actor, JsonWebToken token,
                      DialerAudit audit, Clock clock) {
        this.campaigns = campaigns;
        this.runner = runner;
        this.actor = actor;
        this.token = token;
        this.audit = audit;
        this.clock = clock;
    }

    public MemberJobView request(UUID campaignId, MembersRequest request) {
        boolean byIds = request.contactIds() != null && !request.contactIds().isEmpty();
        if (byIds == (request.segmentId() != null)) {
            throw ProblemException.invalidField("contactIds",
                    "send either contactIds (a non-empty list) or segmentId, not both and not neither");
        }
        MemberJob job = create(campaignId, request, byIds);
        runner.submit(job.id, token.getRawToken());
        return MemberJobView.of(job);
    }

    @Transactional
    MemberJob create(UUID campaignId, MembersRequest request, boolean byIds) {
        Campaign campaign = campaigns.managed(campaignId);
        MemberJob job = new MemberJob();
        job.id = UUID.randomUUID();
        job.campaignId = campaign.id;
        job.segmentId = request.segmentId();
        job.contactIds = byIds ? request.contactIds().stream().distinct().toArray(UUID[]::new) : null;
        job.requested = byIds ? job.contactIds.length : 0;
        job.status = MemberJob.Status.QUEUED;
        job.requestedBy = actor.subject();
        job.createdAt = clock.instant();
        Panache.getEntityManager().persist(job);
        audit.record("CAMPAIGN_MEMBERS_REQUESTED", campaign.id.toString(), null, Map.of("jobId", job.id.toString(),
                "contacts", job.requested, "segment", String.valueOf(job.segmentId)));
        return job;
    }

    @Transactional
    public MemberJobView view(UUID campaignId, UUID jobId) {
        campaigns.managed(campaignId);
        MemberJob job = Panache.getEntityManager().find(MemberJob.class, jobId);
        if (job == null || !job.campaignId.equals(campaignId)) {
            throw ProblemException.notFound("There is no member job " + jobId + " in this campaign.");
        }
        return MemberJobView.of(job);
    }

    @Transactional
    public List<MemberJobView> list(UUID campaignId) {
        campaigns.managed(campaignId);
        return Panache.getEntityManager().createQuery(
                        "FROM MemberJob WHERE campaignId = :id ORDER BY createdAt DESC", MemberJob.class)
                .setParameter("id", campaignId).setMaxResults(50).getResultList()
                .stream().map(MemberJobView::of).toList();
    }
}
