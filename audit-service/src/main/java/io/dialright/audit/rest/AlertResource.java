package io.dialright.audit.rest;

import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.dialright.audit.chain.AuditTrail;
import io.dialright.audit.domain.AuditAlert;
import io.dialright.audit.repository.AuditAlertRepository;
import io.dialright.platform.security.CurrentActor;
import io.dialright.platform.web.Page;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** Raised alerts, newest first: privacy officers see all, supervisors those about their team. */
@Path("/api/audit/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    /** An alert as listed. */
    public record AlertView(UUID id, String rule, String actorSubject, String actorTeam, int observed, int threshold,
                            long windowSeconds, long triggeredBySeq, Instant triggeredAt, Instant raisedAt,
                            String detail) {

        static AlertView of(AuditAlert alert) {
            return new AlertView(alert.id, alert.rule, alert.actorSubject, alert.actorTeam, alert.observed,
                    alert.threshold, alert.windowSeconds, alert.triggeredBySeq,
                    AuditTrail.instant(alert.triggeredAtMicros), alert.raisedAt, alert.detail);
        }
    }

    private final AuditAlertRepository alerts;
    private final CurrentActor actor;

    public AlertResource(AuditAlertRepository alerts, CurrentActor actor) {
        this.alerts = alerts;
        this.actor = actor;
    }

    @GET
    @Transactional
    @RolesAllowed({CurrentActor.PRIVACY_OFFICER, CurrentActor.SUPERVISOR})
    public Page<AlertView> list(@QueryParam("rule") String rule,
                                @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (rule != null && !rule.isBlank()) {
            query.append(" and rule = :rule");
            parameters.and("rule", rule);
        }
        if (!actor.hasRole(CurrentActor.PRIVACY_OFFICER)) {
            query.append(" and actorTeam = :team");
            parameters.and("team", actor.team() == null ? "" : actor.team());
        }
        PanacheQuery<AuditAlert> found = alerts.find(query.toString(), Sort.descending("raisedAt"), parameters);
        return new Page<>(found.page(page, size).stream().map(AlertView::of).toList(), page, size, found.count());
    }
}
