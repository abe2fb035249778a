package io.dialright.contact.rest;

import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.dialright.platform.idempotency.NotReplayed;
import io.dialright.platform.phone.PhoneNumbers;
import io.dialright.platform.problem.ProblemException;
import io.dialright.platform.security.CurrentActor;

/**
 * Checks a number the way contact-service will store it (C-1): web forms and the operator desktop call it while the
 * person types, so a wrong number is caught with a message saying what to type instead. Nothing is stored.
 */
@Path("/api/contacts/number-checks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NumberCheckResource {

    private final PhoneNumbers numbers;
    private final CurrentActor actor;

    public NumberCheckResource(PhoneNumbers numbers, CurrentActor actor) {
        this.numbers = numbers;
        this.actor = actor;
    }

    /** 200 with the normalised number, or 400 problem+json whose detail shows the expected format. */
    @POST
    @RolesAllowed({CurrentActor.OPERATOR, CurrentActor.SUPERVISOR, CurrentActor.INTEGRATION, CurrentActor.ANALYST})
    @NotReplayed
    public NumberCheckResult check(@Valid @NotNull NumberCheckRequest request) {
        String region = request.region() == null ? numbers.defaultRegion() : request.region().toUpperCase(Locale.ROOT);
        if (!numbers.supportsRegion(region)) {
            throw ProblemException.invalidField("region", "Unknown region " + region
                    + "; use a two-letter ISO 3166 code such as RU or DE.");
        }
        // Analysts see masked numbers only (C-8), even the one they typed.
        boolean fullNumberVisible = actor.hasRole(CurrentActor.OPERATOR) || actor.hasRole(CurrentActor.SUPERVISOR)
                || actor.hasRole(CurrentActor.INTEGRATION);
        return NumberCheckResult.of(numbers.parse(request.number(), region), fullNumberVisible);
    }
}
