package io.dialright.dialer.handout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.dialer.config.DialerConfig;

/**
 * Why nothing can be called: the campaign's members counted by where they stand (outside their calling hours,
 * waiting with a reason code, leased to others, callbacks not yet due, done) plus what this request skipped. The
 * counts cost a scan of the campaign, so they are reused for a few seconds.
 */
@ApplicationScoped
public class QueueSummary {

    /** Members by state, by reason code (WAITING) and by zone set (READY). */
    record Counts(Instant at, Map<String, Long> byState, Map<String, Long> waitingBy, Map<String, Long> readyByZone) {
    }

    private final DataSource dataSource;
    private final DialerConfig config;
    private final Clock clock;
    private final Map<UUID, Counts> cache = new ConcurrentHashMap<>();

    public QueueSummary(DataSource dataSource, DialerConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
    }

    public String describe(UUID campaignId, Collection<String> openZoneKeys, Map<String, Integer> skippedNow)
            throws SQLException {
        Counts counts = counts(campaignId);
        List<String> parts = new ArrayList<>();
        long outsideHours = counts.readyByZone().entrySet().stream()
                .filter(entry -> !openZoneKeys.contains(entry.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        if (outsideHours > 0) {
            parts.add(outsideHours + " outside their calling hours now");
        }
        if (!skippedNow.isEmpty()) {
            parts.add("skipped just now: " + join(skippedNow));
        }
        long waiting = counts.byState().getOrDefault("WAITING", 0L);
        if (waiting > 0) {
            parts.add(waiting + " waiting (" + join(counts.waitingBy()) + ")");
        }
        add(parts, counts.byState(), "LEASED", "handed out to operators");
        add(parts, counts.byState(), "CALLBACK", "callbacks not yet due");
        add(parts, counts.byState(), "DONE", "done");
        long total = counts.byState().values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return "The campaign has no members yet.";
        }
        return "Nothing callable now among " + total + " members: " + String.join("; ", parts) + ".";
    }

    private Counts counts(UUID campaignId) throws SQLException {
        Instant now = clock.instant();
        Counts cached = cache.get(campaignId);
        if (cached != null && cached.at().plus(config.handOut().summaryTtl()).isAfter(now)
                && !cached.at().isAfter(now)) {
            return cached;
        }
        Map<String, Long> byState = new TreeMap<>();
        Map<String, Long> waitingBy = new TreeMap<>();
        Map<String, Long> readyByZone = new TreeMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT state, CASE WHEN state = 'WAITING' THEN coalesce(block_code, 'UNSPECIFIED') END,
                            CASE WHEN state = 'READY' THEN zone_key END, count(*)
                     FROM campaign_member WHERE campaign_id = ? GROUP BY 1, 2, 3""")) {
            select.setObject(1, campaignId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long count = rows.getLong(4);
                    byState.merge(rows.getString(1), count, Long::sum);
                    if (rows.getString(2) != null) {
                        waitingBy.merge(rows.getString(2), count, Long::sum);
                    }
                    if (rows.getString(3) != null) {
                        readyByZone.merge(rows.getString(3), count, Long::sum);
                    }
                }
            }
        }
        Counts counts = new Counts(now, byState, waitingBy, readyByZone);
        cache.put(campaignId, counts);
        return counts;
    }

    private static void add(List<String> parts, Map<String, Long> byState, String state, String meaning) {
        long count = byState.getOrDefault(state, 0L);
        if (count > 0) {
            parts.add(count + " " + meaning);
        }
    }

    private static String join(Map<String, ? extends Number> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((code, count) -> parts.add(code + " " + count));
        return String.join(", ", parts);
    }
}
