package io.dialright.contact.lookup;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.dialright.platform.security.CurrentActor;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * "Who is calling?" for the operator desktop and the telephony platform (C-4).
 *
 * <p>Runs on the event loop that received the request: a caller held in memory, asked about by someone the token
 * alone decides for (a telephony integration, a supervisor of the contact's team), is answered there, without
 * waking a worker thread and then the event loop again: two thread hand-offs per ringing phone that such an answer
 * does not need. Everything else (a caller not held, an operator whose assignments decide what they see) goes to a
 * worker thread, in the request's own context, as a blocking endpoint would.
 */
@Path("/api/lookup")
@Produces(MediaType.APPLICATION_JSON)
public class LookupResource {

    private final LookupService lookups;

    public LookupResource(LookupService lookups) {
        this.lookups = lookups;
    }

    /** 200 whether or not the number is known ({@code found}); 400 for a number that is not one. */
    @GET
    @RolesAllowed({CurrentActor.OPERATOR, CurrentActor.SUPERVISOR, CurrentActor.INTEGRATION})
    public Uni<LookupResult> lookup(@QueryParam("number") @NotBlank String number) {
        String phoneHash = lookups.phoneHashOf(number);
        LookupResult fromMemory = lookups.answerFromMemory(phoneHash);
        if (fromMemory != null) {
            return Uni.createFrom().item(fromMemory);
        }
        // The request's duplicated context carries its request scope and log context to the worker thread.
        Context request = Vertx.currentContext();
        return Uni.createFrom().completionStage(() -> request
                .executeBlocking(() -> lookups.lookup(phoneHash), false)
                .toCompletionStage());
    }
}
