package io.dialright.consent.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.dialright.consent.service.IndexedNumber;
import io.dialright.consent.service.NumberIndex;
import io.dialright.consent.service.OptOutService;
import io.dialright.platform.problem.ProblemException;
import io.dialright.platform.security.CurrentActor;

/** Opt-out, stop-list status and removal (K-4). */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class OptOutResource {

    private final OptOutService optOuts;
    private final NumberIndex numbers;
    private final CurrentActor actor;

    public OptOutResource(OptOutService optOuts, NumberIndex numbers, CurrentActor actor) {
        this.optOuts = optOuts;
        this.numbers = numbers;
        this.actor = actor;
    }

    /**
     * 201 with the entry in force: the new one, or (with {@code alreadyListed: true}) the one that already blocked
     * the number. Either way the number is blocked from this response on.
     */
    @POST
    @Path("/opt-outs")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({CurrentActor.OPERATOR, CurrentActor.SUPERVISOR, CurrentActor.INTEGRATION,
            CurrentActor.PRIVACY_OFFICER})
    public Response optOut(@Valid @NotNull OptOutRequest request) {
        IndexedNumber phone = numbers.of(request.phone());
        OptOutService.Recorded recorded = optOuts.record(new OptOutService.OptOut(phone.phoneHash(),
                phone.masked(), request.channel(), request.source(), request.reason(), request.callId()),
                actor.asActor());
        return Response.status(Response.Status.CREATED)
                .entity(StopListEntryView.of(recorded.entry(), !recorded.created()))
                .build();
    }

    @GET
    @Path("/stop-list/{phone}")
    @RolesAllowed({CurrentActor.OPERATOR, CurrentActor.SUPERVISOR, CurrentActor.INTEGRATION,
            CurrentActor.PRIVACY_OFFICER})
    public StopListEntryView stopListEntry(@PathParam("phone") String phone) {
        IndexedNumber number = numbers.of(phone);
        return optOuts.findInForce(number.phoneHash())
                .map(entry -> StopListEntryView.of(entry, true))
                .orElseThrow(() -> ProblemException.notFound("The number " + number.masked()
                        + " is not on the stop list."));
    }

    /**
     * 204: the number is callable again under its consents. Supervisors only, with a reason; 404 when the number
     * is not listed; 409 for an erased number, which stays listed for good.
     */
    @DELETE
    @Path("/stop-list/{phone}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(CurrentActor.SUPERVISOR)
    public Response removeFromStopList(@PathParam("phone") String phone,
                                       @Valid @NotNull StopListRemovalRequest request) {
        IndexedNumber number = numbers.of(phone);
        optOuts.remove(number.phoneHash(), number.masked(), request.reason(), actor.asActor());
        return Response.noContent().build();
    }
}
