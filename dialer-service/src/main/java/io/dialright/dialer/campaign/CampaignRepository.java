package io.dialright.dialer.campaign;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Campaigns, and the member counts shown with them. */
@ApplicationScoped
public class CampaignRepository implements PanacheRepositoryBase<Campaign, UUID> {

    /** Newest first: all campaigns ({@code team} null), or those a team works on. */
    @SuppressWarnings("unchecked")
    public List<Campaign> page(String team, int page, int size) {
        return getEntityManager().createNativeQuery("""
                        SELECT * FROM campaign WHERE cast(?1 AS text) IS NULL OR ?1 = ANY(teams)
                        ORDER BY created_at DESC, id LIMIT ?2 OFFSET ?3""", Campaign.class)
                .setParameter(1, team)
                .setParameter(2, size)
                .setParameter(3, (long) page * size)
                .getResultList();
    }

    public long countVisible(String team) {
        return ((Number) getEntityManager().createNativeQuery(
                        "SELECT count(*) FROM campaign WHERE cast(?1 AS text) IS NULL OR ?1 = ANY(teams)")
                .setParameter(1, team)
                .getSingleResult()).longValue();
    }

    /** Members per queue state ({@code READY}, {@code WAITING}, …). */
    public Map<String, Long> memberCounts(UUID campaignId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                        SELECT state, count(*) FROM campaign_member WHERE campaign_id = ?1 GROUP BY state ORDER BY state""")
                .setParameter(1, campaignId)
                .getResultList();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Object[] row : rows) {
            counts.put((String) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }
}
