package io.dialright.consent.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.dialright.consent.service.OptOutService;
import io.dialright.platform.crypto.BlindIndex;
import io.dialright.platform.phone.PhoneNumber;
import io.dialright.platform.phone.PhoneNumbers;
import io.dialright.platform.problem.ProblemException;
import io.dialright.platform.security.CurrentActor;

/** Opt-out and stop-list status (K-4). */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class OptOutResource {

    private final OptOutService optOuts;
    private final PhoneNumbers numbers;
    private final BlindIndex blindIndex;
    private final CurrentActor actor;

    public OptOutResource(OptOutService optOuts, PhoneNumbers numbers, BlindIndex blindIndex, CurrentActor actor) {
        this.optOuts = optOuts;
        this.numbers = numbers;
        this.blindIndex = blindIndex;
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
        PhoneNumber phone = numbers.parse(request.phone());
        OptOutService.Recorded recorded = optOuts.record(new OptOutService.OptOut(blindIndex.of(phone.e164()),
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
        PhoneNumber number = numbers.parse(phone);
        return optOuts.findInForce(blindIndex.of(number.e164()))
                .map(entry -> StopListEntryView.of(entry, true))
                .orElseThrow(() -> ProblemException.notFound("The number " + number.masked()
                        + " is not on the stop list."));
    }
}
