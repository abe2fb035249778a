package io.dialright.audit.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;

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

import io.dialright.audit.domain.AuditEntry;
import io.dialright.audit.repository.AuditEntryRepository;
import io.dialright.platform.crypto.BlindIndex;
import io.dialright.platform.phone.PhoneNumbers;
import io.dialright.platform.problem.ProblemException;
import io.dialright.platform.security.CurrentActor;
import io.dialright.platform.web.Page;
import io.quarkus.hibernate.orm.panache.PanacheQuery;

/**
 * Queries of the audit trail: privacy officers see everything, supervisors the actions of their team. A number
 * is searched by its blind index ({@code ?phone=} in any format); responses never carry the index itself.
 */
@Path("/api/audit/entries")
@Produces(MediaType.APPLICATION_JSON)
public class AuditEntryResource {

    private final AuditEntryRepository entries;
    private final CurrentActor actor;
    private final PhoneNumbers numbers;
    private final BlindIndex blindIndex;

    public AuditEntryResource(AuditEntryRepository entries, CurrentActor actor, PhoneNumbers numbers,
                              BlindIndex blindIndex) {
        this.entries = entries;
        this.actor = actor;
        this.numbers = numbers;
        this.blindIndex = blindIndex;
    }

    @GET
    @Transactional
    @RolesAllowed({CurrentActor.PRIVACY_OFFICER, CurrentActor.SUPERVISOR})
    public Page<AuditEntryView> search(@QueryParam("actor") String actorSubject,
                                       @QueryParam("subject") String subject,
                                       @QueryParam("phone") String phone,
                                       @QueryParam("action") String action,
                                       @QueryParam("from") String from,
                                       @QueryParam("to") String to,
                                       @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                       @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        String subjectHash = phone == null || phone.isBlank() ? null : blindIndex.of(numbers.parse(phone).e164());
        PanacheQuery<AuditEntry> query = entries.search(new AuditEntryRepository.Filter(actorSubject, subject,
                subjectHash, action, instant("from", from), instant("to", to), teamScope()));
        return new Page<>(query.page(page, size).stream().map(AuditEntryView::of).toList(), page, size,
                query.count());
    }

    /** Supervisors who are not also privacy officers see only their own team's actions. */
    private String teamScope() {
        if (actor.hasRole(CurrentActor.PRIVACY_OFFICER)) {
            return null;
        }
        String team = actor.team();
        return team == null ? "" : team;
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "Use an ISO-8601 instant such as 2026-11-28T09:15:00Z.");
        }
    }
}
