package io.dialright.contact.lookup;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.dialright.platform.security.CurrentActor;

/** "Who is calling?" for the operator desktop and the telephony platform (C-4). */
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
    public LookupResult lookup(@QueryParam("number") @NotBlank String number) {
        return lookups.lookup(number);
    }
}
