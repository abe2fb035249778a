package io.dialright.dialer.campaign;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.dialright.dialer.handout.NextCallService;
import io.dialright.dialer.members.MemberJobView;
import io.dialright.dialer.members.MemberJobs;
import io.dialright.dialer.members.MembersRequest;
import io.dialright.platform.security.CurrentActor;
import io.dialright.platform.web.Page;

/** Campaigns (D-1), their members and the next-call hand-out (D-3). */
@Path("/api/campaigns")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {

    private final CampaignService campaigns;
    private final MemberJobs memberJobs;
    private final NextCallService nextCalls;

    public CampaignResource(CampaignService campaigns, MemberJobs memberJobs, NextCallService nextCalls) {
        this.campaigns = campaigns;
        this.memberJobs = memberJobs;
        this.nextCalls = nextCalls;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(CurrentActor.SUPERVISOR)
    public Response create(@Valid @NotNull CampaignRequest request) {
        CampaignView created = campaigns.create(request);
        return Response.status(Response.Status.CREATED).entity(created)
                .header("Location", "/api/campaigns/" + created.id()).build();
    }

    /** Supervisors: their team's campaigns; analysts: all. */
    @GET
    @RolesAllowed({CurrentActor.SUPERVISOR, CurrentActor.ANALYST})
    public Page<CampaignView> list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                   @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return campaigns.list(page, size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({CurrentActor.SUPERVISOR, CurrentActor.OPERATOR, CurrentActor.ANALYST, CurrentActor.INTEGRATION})
    public CampaignView get(@PathParam("id") UUID id) {
        return campaigns.view(id);
    }

    @POST
    @Path("/{id}/start")
    @RolesAllowed(CurrentActor.SUPERVISOR)
    public CampaignView start(@PathParam("id") UUID id) {
        return campaigns.setStatus(id, CampaignStatus.RUNNING);
    }

    @POST
    @Path("/{id}/pause")
    @RolesAllowed(CurrentActor.SUPERVISOR)
    public CampaignView pause(@PathParam("id") UUID id) {
        return campaigns.setStatus(id, CampaignStatus.PAUSED);
    }

    /** 202: a background job adds them; follow {@code Location} for its progress. */
    @POST
    @Path("/{id}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(CurrentActor.SUPERVISOR)
    public Response addMembers(@PathParam("id") UUID id, @Valid @NotNull MembersRequest request) {
        MemberJobView job = memberJobs.request(id, request);
        return Response.accepted(job).header("Location", "/api/campaigns/" + id + "/member-jobs/" + job.id())
                .build();
    }

    @GET
    @Path("/{id}/member-jobs")
    @RolesAllowed(CurrentActor.SUPERVISOR)
    public List<MemberJobView> memberJobs(@PathParam("id") UUID id) {
        return memberJobs.list(id);
    }

    @GET
    @Path("/{id}/member-jobs/{jobId}")
    @RolesAllowed(CurrentActor.SUPERVISOR)
    public MemberJobView memberJob(@PathParam("id") UUID id, @PathParam("jobId") UUID jobId) {
        return memberJobs.view(id, jobId);
    }

    /**
     * 200 with the contact to call (leased to the operator), or 204 with a {@code Reason} header summarising why
     * nothing is callable; 503 when consent-service cannot answer (nothing is handed out).
     */
    @GET
    @Path("/{id}/next")
    @RolesAllowed({CurrentActor.OPERATOR, CurrentActor.INTEGRATION})
    public Response next(@PathParam("id") UUID id, @QueryParam("operatorId") String operatorId)
            throws SQLException {
        NextCallService.Result result = nextCalls.next(id, operatorId);
        if (result.handOut() != null) {
            return Response.ok(result.handOut()).header("Cache-Control", "no-store").build();
        }
        return Response.noContent().header("Reason", result.nothing().reason()).build();
    }
}
