package io.dialright.dialer.rules;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.dialright.platform.problem.ProblemException;
import io.dialright.platform.security.CurrentActor;
import io.dialright.platform.web.Page;

/**
 * Calling rules (D-2): supervisors add versions of rulesets; supervisors, analysts and admins read them. Presets
 * ({@code ru-default}, {@code ru-230fz}, {@code us-tcpa}, {@code fr-2022}) are listed like the others and read-only.
 */
@Path("/api/rulesets")
@Produces(MediaType.APPLICATION_JSON)
public class RulesetResource {

    private final RulesetService rulesets;
    private final CurrentActor actor;
    private final Clock clock;

    public RulesetResource(RulesetService rulesets, CurrentActor actor, Clock clock) {
        this.rulesets = rulesets;
        this.actor = actor;
        this.clock = clock;
    }

    /** The version of every ruleset in force now (or its first, scheduled one), by id. */
    @GET
    @RolesAllowed({CurrentActor.SUPERVISOR, CurrentActor.ANALYST, CurrentActor.ADMIN})
    public Page<RulesetView> list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                  @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return rulesets.list(page, size);
    }

    /** The version in force now and every version, oldest first. */
    @GET
    @Path("/{id}")
    @RolesAllowed({CurrentActor.SUPERVISOR, CurrentActor.ANALYST, CurrentActor.ADMIN})
    public RulesetHistory get(@PathParam("id") String id) {
        if (!RulesetValidator.validId(id)) {
            throw ProblemException.notFound("There is no ruleset '" + id + "'.");
        }
        List<RulesetVersion> history = rulesets.history(id);
        Instant now = clock.instant();
        RulesetVersion current = RulesetService.inForce(history, now);
        List<RulesetView> versions = history.stream().map(version -> RulesetView.of(version, version == current))
                .toList();
        return new RulesetHistory(id, current == null ? null : RulesetView.of(current, true), versions);
    }

    /** 200 with the version added: 1 for a new id, else the next one. */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(CurrentActor.SUPERVISOR)
    public RulesetView put(@PathParam("id") String id, @NotNull RulesetRequest request) {
        RulesetVersion added = rulesets.put(id, request, actor.asActor());
        return RulesetView.of(added, !added.ruleset().effectiveFrom().isAfter(clock.instant()));
    }
}
