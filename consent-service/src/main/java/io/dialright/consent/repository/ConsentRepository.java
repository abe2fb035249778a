package io.dialright.consent.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.dialright.consent.domain.Channel;
import io.dialright.consent.domain.Consent;
import io.dialright.consent.domain.ConsentStatus;
import io.dialright.consent.domain.Purpose;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** Consent records by id, contact or blind index. */
@ApplicationScoped
public class ConsentRepository implements PanacheRepositoryBase<Consent, UUID> {

    /** Filters of {@code GET /api/consents}; at least one of contact and number is set. */
    public record Filter(UUID contactId, String phoneHash, Purpose purpose, ConsentStatus status) {
    }

    /**
     * The contacts a listing may show to a caller who does not see them all: those assigned to {@code operatorId}
     * since {@code assignedSince}, and/or those of {@code team} (the contact's team, or one an operator of the team
     * works with). Both {@code null}: none.
     */
    public record Reach(String operatorId, String team, Instant assignedSince) {
    }

    /** @param reach {@code null} for a caller who sees every contact's consents */
    public PanacheQuery<Consent> search(Filter filter, Reach reach) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (reach != null) {
            query.append(" and ").append(within(reach, parameters));
        }
        if (filter.contactId() != null) {
            query.append(" and contactId = :contactId");
            parameters.and("contactId", filter.contactId());
        }
        if (filter.phoneHash() != null) {
            query.append(" and phoneHash = :phoneHash");
            parameters.and("phoneHash", filter.phoneHash());
        }
        if (filter.purpose() != null) {
            query.append(" and purpose = :purpose");
            parameters.and("purpose", filter.purpose());
        }
        if (filter.status() != null) {
            query.append(" and status = :status");
            parameters.and("status", filter.status());
        }
        return find(query.toString(), Sort.descending("createdAt").and("id"), parameters);
    }

    private static String within(Reach reach, Parameters parameters) {
        List<String> reachable = new ArrayList<>();
        if (reach.operatorId() != null) {
            reachable.add("contactId in (select a.contactId from OperatorAssignment a "
                    + "where a.operatorId = :me and a.lastContactAt > :since)");
            parameters.and("me", reach.operatorId());
        }
        if (reach.team() != null) {
            reachable.add("contactId in (select t.contactId from ContactTeam t where t.team = :team)");
            reachable.add("contactId in (select a.contactId from OperatorAssignment a "
                    + "where a.team = :team and a.lastContactAt > :since)");
            parameters.and("team", reach.team());
        }
        if (reachable.isEmpty()) {
            return "1 = 0";
        }
        parameters.and("since", reach.assignedSince());
        return "(" + String.join(" or ", reachable) + ")";
    }

    /** The contact a consent is for, or {@code null} if there is no such consent. */
    public UUID contactIdOf(UUID id) {
        return getEntityManager().createQuery("select c.contactId from Consent c where c.id = ?1", UUID.class)
                .setParameter(1, id)
                .getResultStream().findFirst().orElse(null);
    }

    /**
     * The consent, locked for change, or {@code null}. Callers take the number's lock first ({@code NumberLocks}),
     * then this one, in the same order as grants do, so the two cannot deadlock.
     */
    public Consent lockById(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The number a consent is for (it never changes), to take the number's lock before the consent's. */
    public String phoneHashOf(UUID id) {
        return getEntityManager().createQuery("select c.phoneHash from Consent c where c.id = ?1", String.class)
                .setParameter(1, id)
                .getResultStream().findFirst().orElse(null);
    }

    /** The number's consents for one purpose and channel in the given states (to supersede them). */
    public List<Consent> inStates(String phoneHash, Purpose purpose, Channel channel, List<ConsentStatus> states) {
        return list("phoneHash = ?1 and purpose = ?2 and channel = ?3 and status in ?4", phoneHash, purpose, channel,
                states);
    }

    public List<Consent> ofNumber(String phoneHash) {
        return list("phoneHash", Sort.ascending("createdAt"), phoneHash);
    }
}
