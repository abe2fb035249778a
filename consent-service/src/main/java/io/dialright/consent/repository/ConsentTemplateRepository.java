package io.dialright.consent.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.consent.domain.ConsentTemplate;
import io.dialright.consent.domain.Purpose;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** Consent template versions. */
@ApplicationScoped
public class ConsentTemplateRepository implements PanacheRepositoryBase<ConsentTemplate, UUID> {

    public PanacheQuery<ConsentTemplate> search(String code, Purpose purpose) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (code != null) {
            query.append(" and code = :code");
            parameters.and("code", code);
        }
        if (purpose != null) {
            query.append(" and purpose = :purpose");
            parameters.and("purpose", purpose);
        }
        return find(query.toString(), Sort.ascending("code").and("version"), parameters);
    }

    /** Serialises new versions of one code until the transaction ends, so two creations get two numbers. */
    public void lockCode(String code) {
        getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 11))")
                .setParameter(1, "consent-template:" + code)
                .getSingleResult();
    }

    /** The next version number of a template code; take {@link #lockCode} first. */
    public int nextVersion(String code) {
        Integer last = getEntityManager()
                .createQuery("select max(t.version) from ConsentTemplate t where t.code = ?1", Integer.class)
                .setParameter(1, code)
                .getSingleResult();
        return last == null ? 1 : last + 1;
    }

    /** Marks a version as shown (from now on immutable); a no-op when it already was. */
    public void markShown(UUID id, Instant at) {
        getEntityManager().createNativeQuery(
                        "UPDATE consent_template SET first_shown_at = ?1 WHERE id = ?2 AND first_shown_at IS NULL")
                .setParameter(1, at)
                .setParameter(2, id)
                .executeUpdate();
    }
}
