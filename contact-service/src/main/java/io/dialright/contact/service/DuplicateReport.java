package io.dialright.contact.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.dialright.platform.security.CurrentActor;
import io.dialright.platform.web.Page;

/**
 * Candidate duplicates (C-3) among the caller's team's contacts: contacts sharing a number (entered with
 * {@code allowDuplicate}, or imported), and contacts with the same name and e-mail — their own, or one they kept from
 * a merge ({@code otherIdentities}; one kept without an e-mail is compared with the contact's own), so a third record
 * of a person merged before is still found. Two contacts that match on several identities are one group. Numbers
 * appear masked only: the report is for deciding merges, not for reading numbers.
 */
@ApplicationScoped
public class DuplicateReport {

    public enum Reason {
        SAME_NUMBER,
        SAME_NAME_AND_EMAIL
    }

    public record Member(UUID id, String name, Instant createdAt) {
    }

    public record Group(Reason reason, String masked, List<Member> contacts) {
    }

    private final EntityManager entityManager;
    private final AuditTrail audit;
    private final CurrentActor actor;

    public DuplicateReport(EntityManager entityManager, AuditTrail audit, CurrentActor actor) {
        this.entityManager = entityManager;
        this.audit = audit;
        this.actor = actor;
    }

    @Transactional
    public Page<Group> groups(int page, int size) {
        String groups = """
                SELECT 'SAME_NUMBER' AS reason, min(p.masked) AS masked, array_agg(DISTINCT c.id) AS ids
                FROM contact_phone p JOIN contact c ON c.id = p.contact_id
                WHERE c.erased_at IS NULL AND c.team = ?1
                GROUP BY p.phone_hash HAVING count(DISTINCT c.id) > 1
                UNION ALL
                SELECT DISTINCT 'SAME_NAME_AND_EMAIL', NULL::text, ids FROM (
                    SELECT array_agg(DISTINCT i.id ORDER BY i.id) AS ids
                    FROM (SELECT c.id, c.name, c.email FROM contact c
                          WHERE c.erased_at IS NULL AND c.team = ?1 AND c.email IS NOT NULL
                          UNION ALL
                          SELECT c.id, o ->> 'name', coalesce(o ->> 'email', c.email)
                          FROM contact c CROSS JOIN jsonb_array_elements(c.other_identities) AS o
                          WHERE c.erased_at IS NULL AND c.team = ?1
                            AND coalesce(o ->> 'email', c.email) IS NOT NULL) i
                    GROUP BY lower(i.name), lower(i.email) HAVING count(DISTINCT i.id) > 1) by_identity""";
        long total = ((Number) entityManager.createNativeQuery("SELECT count(*) FROM (" + groups + ") g")
                .setParameter(1, actor.team()).getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(groups + " ORDER BY 1, 2 NULLS LAST, 3")
                .setParameter(1, actor.team())
                .setFirstResult(page * size).setMaxResults(size)
                .getResultList();
        List<Group> items = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            items.add(new Group(Reason.valueOf((String) row[0]), (String) row[1], members((UUID[]) row[2])));
        }
        audit.record("DUPLICATES_REPORT", null, null, Map.of("groups", items.size()));
        return new Page<>(items, page, size, total);
    }

    private List<Member> members(UUID[] ids) {
        List<Object[]> rows = entityManager.createQuery(
                        "select c.id, c.name, c.createdAt from Contact c where c.id in ?1 order by c.createdAt",
                        Object[].class)
                .setParameter(1, Arrays.asList(ids))
                .getResultList();
        return rows.stream().map(row -> new Member((UUID) row[0], (String) row[1], (Instant) row[2])).toList();
    }
}
