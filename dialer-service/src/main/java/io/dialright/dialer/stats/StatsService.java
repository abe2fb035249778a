package io.dialright.dialer.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.dialer.campaign.Campaign;
import io.dialright.dialer.campaign.ScriptVariant;

/** Campaign analytics (D-5) from the recorded attempts: nothing personal, only counts per group. */
@ApplicationScoped
public class StatsService {

    private record Row(String operator, String variant, String source, String outcome, boolean conversation,
                       String refusalReason, long count) {
    }

    private final DataSource dataSource;
    private final Clock clock;

    public StatsService(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public CampaignStats of(Campaign campaign) throws SQLException {
        List<Row> rows = rows(campaign.id);
        Tally total = new Tally();
        rows.forEach(row -> total.add(row.outcome(), row.conversation(), row.refusalReason(), row.count()));
        Map<String, Tally> byVariant = new LinkedHashMap<>();
        for (ScriptVariant variant : campaign.scriptVariants) {
            byVariant.put(variant.name(), new Tally());
        }
        group(rows, row -> row.variant() == null ? "(none)" : row.variant(), byVariant);
        String baseline = campaign.scriptVariants.get(0).name();
        Tally base = byVariant.get(baseline);
        List<GroupStats> variants = new ArrayList<>();
        byVariant.forEach((name, tally) -> variants.add(GroupStats.of(name, tally, name.equals(baseline) ? null
                : Significance.of(baseline, base.sales, base.reached, tally.sales, tally.reached))));
        return new CampaignStats(campaign.id, clock.instant(), GroupStats.of("total", total, null),
                plain(group(rows, Row::operator, new TreeMap<>())), variants,
                plain(group(rows, row -> row.source() == null ? "(unknown)" : row.source(), new TreeMap<>())));
    }

    private static Map<String, Tally> group(List<Row> rows, Function<Row, String> key, Map<String, Tally> into) {
        for (Row row : rows) {
            into.computeIfAbsent(key.apply(row), ignored -> new Tally())
                    .add(row.outcome(), row.conversation(), row.refusalReason(), row.count());
        }
        return into;
    }

    private static List<GroupStats> plain(Map<String, Tally> groups) {
        List<GroupStats> stats = new ArrayList<>();
        groups.forEach((name, tally) -> stats.add(GroupStats.of(name, tally, null)));
        return stats;
    }

    private List<Row> rows(UUID campaignId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT operator_id, script_variant, source_channel, outcome, conversation, refusal_reason,
                            count(*)
                     FROM call_attempt WHERE campaign_id = ? GROUP BY 1, 2, 3, 4, 5, 6""")) {
            select.setObject(1, campaignId);
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getString(1), result.getString(2), result.getString(3),
                            result.getString(4), result.getBoolean(5), result.getString(6), result.getLong(7)));
                }
            }
            return rows;
        }
    }
}
