package io.dialright.dialer.handout;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.dialer.rules.CallingHours;
import io.dialright.dialer.rules.CalleeZones;
import io.dialright.dialer.rules.Ruleset;

/**
 * The distinct zone sets of a campaign's members, so the calling hours are evaluated once per zone set rather than
 * once per member. Cached for a few seconds: members added meanwhile wait at most that long to be served.
 */
@ApplicationScoped
public class ZoneSets {

    /** A zone set of a campaign: its key and its zones. */
    public record ZoneSet(String key, CalleeZones zones) {
    }

    private record Cached(Instant loadedAt, List<ZoneSet> sets) {
    }

    static final Duration TTL = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final CallingHours hours;
    private final Clock clock;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    public ZoneSets(DataSource dataSource, CallingHours hours, Clock clock) {
        this.dataSource = dataSource;
        this.hours = hours;
        this.clock = clock;
    }

    public List<ZoneSet> of(UUID campaignId) throws SQLException {
        Instant now = clock.instant();
        Cached cached = cache.get(campaignId);
        if (cached == null || cached.loadedAt().plus(TTL).isBefore(now) || cached.loadedAt().isAfter(now)) {
            cached = new Cached(now, load(campaignId));
            cache.put(campaignId, cached);
        }
        return cached.sets();
    }

    /** The keys of the zone sets whose calling hours are open at {@code at} under {@code rules}. */
    public List<String> openKeys(UUID campaignId, Ruleset rules, Instant at) throws SQLException {
        List<String> open = new ArrayList<>();
        for (ZoneSet set : of(campaignId)) {
            if (hours.isOpen(rules, set.zones().zones(), at)) {
                open.add(set.key());
            }
        }
        return open;
    }

    private List<ZoneSet> load(UUID campaignId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT zone_key, zones, ambiguous FROM campaign_zone_set WHERE campaign_id = ?")) {
            select.setObject(1, campaignId);
            List<ZoneSet> sets = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Array array = rows.getArray(2);
                    List<ZoneId> zones = new ArrayList<>();
                    for (Object zone : (Object[]) array.getArray()) {
                        zones.add(ZoneId.of((String) zone));
                    }
                    sets.add(new ZoneSet(rows.getString(1), new CalleeZones(zones, rows.getBoolean(3), false)));
                }
            }
            return sets;
        }
    }
}
