package io.dialright.audit.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.audit.chain.AuditTrail;
import io.dialright.audit.domain.AuditEntry;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** Reads of the audit trail; writes happen only in the consumer. */
@ApplicationScoped
public class AuditEntryRepository implements PanacheRepository<AuditEntry> {

    /** What a query may filter on; {@code null} means "any". {@code team} restricts to actors of that team. */
    public record Filter(String actor, String subject, String subjectHash, String action, Instant from, Instant to,
                         String team) {
    }

    public PanacheQuery<AuditEntry> search(Filter filter) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        condition(conditions, parameters, "actorSubject = :actor", "actor", filter.actor());
        condition(conditions, parameters, "subjectKey = :subject", "subject", filter.subject());
        condition(conditions, parameters, "subjectHash = :subjectHash", "subjectHash", filter.subjectHash());
        condition(conditions, parameters, "action = :action", "action", filter.action());
        condition(conditions, parameters, "occurredAtMicros >= :from", "from", micros(filter.from()));
        condition(conditions, parameters, "occurredAtMicros < :to", "to", micros(filter.to()));
        condition(conditions, parameters, "actorTeam = :team", "team", filter.team());
        String query = conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
        return find(query, Sort.descending("seq"), parameters);
    }

    private static Long micros(Instant instant) {
        return instant == null ? null : AuditTrail.micros(instant);
    }

    private static void condition(List<String> conditions, Parameters parameters, String condition, String name,
                                  Object value) {
        if (value != null) {
            conditions.add(condition);
            parameters.and(name, value);
        }
    }
}
