package io.dialright.contact.segments;

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

import io.dialright.platform.security.CurrentActor;
import io.dialright.platform.web.Page;

/**
 * Segments (C-10): supervisors save filters over their team's contacts; the dialer reads the members of one (ids
 * only) with the token of the supervisor who adds them to a campaign.
 */
@Path("/api/segments")
@Produces(MediaType.APPLICATION_JSON)
public class SegmentResource {

    private final SegmentService segments;

    public SegmentResource(SegmentService segments) {
        this.segments = segments;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(CurrentActor.SUPERVISOR)
    public Response create(@Valid @NotNull SegmentRequest request) {
        SegmentView created = segments.create(request);
        return Response.status(Response.Status.CREATED).entity(created)
                .header("Location", "/api/segments/" + created.id()).build();
    }

    @GET
    @RolesAllowed(CurrentActor.SUPERVISOR)
    public Page<SegmentView> list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                  @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return segments.list(page, size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({CurrentActor.SUPERVISOR, CurrentActor.INTEGRATION})
    public SegmentView get(@PathParam("id") UUID id) {
        return segments.find(id);
    }

    /** Member ids in id order, {@code size} ≤ 10,000 per page; follow {@code next}. */
    @GET
    @Path("/{id}/members")
    @RolesAllowed({CurrentActor.SUPERVISOR, CurrentActor.INTEGRATION})
    public SegmentMembers members(@PathParam("id") UUID id, @QueryParam("after") UUID after,
                                  @QueryParam("size") @DefaultValue("1000") @Min(1) @Max(10_000) int size) {
        return segments.members(id, after, size);
    }
}
