package io.dialright.consent.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.dialright.consent.domain.PrivacyRequest;
import io.dialright.consent.domain.PrivacyRequestStatus;
import io.dialright.consent.domain.PrivacyRequestType;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** Privacy request tickets. */
@ApplicationScoped
public class PrivacyRequestRepository implements PanacheRepositoryBase<PrivacyRequest, UUID> {

    /** Filters of the ticket list; {@code overdueAt} keeps open tickets past their due date at that instant. */
    public record Filter(PrivacyRequestType type, PrivacyRequestStatus status, Instant overdueAt) {
    }

    public PanacheQuery<PrivacyRequest> search(Filter filter) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (filter.type() != null) {
            query.append(" and type = :type");
            parameters.and("type", filter.type());
        }
        if (filter.status() != null) {
            query.append(" and status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.overdueAt() != null) {
            query.append(" and status = :open and dueBy < :now");
            parameters.and("open", PrivacyRequestStatus.OPEN).and("now", filter.overdueAt());
        }
        return find(query.toString(), Sort.descending("receivedAt").and("id"), parameters);
    }

    public PrivacyRequest lockById(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public PrivacyRequest openErasureOf(String phoneHash) {
        return find("phoneHash = ?1 and type = ?2 and status = ?3", phoneHash, PrivacyRequestType.ERASURE,
                PrivacyRequestStatus.OPEN).firstResult();
    }

    public List<PrivacyRequest> ofNumber(String phoneHash) {
        return list("phoneHash", Sort.ascending("receivedAt"), phoneHash);
    }

    /** Open requests past their due date that have not been flagged yet, locked for flagging. */
    public List<PrivacyRequest> newlyOverdue(Instant now) {
        return find("status = ?1 and dueBy < ?2 and overdueAt is null", PrivacyRequestStatus.OPEN, now)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
