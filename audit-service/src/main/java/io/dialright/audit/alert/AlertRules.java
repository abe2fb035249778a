package io.dialright.audit.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.audit.chain.AuditTrail;
import io.dialright.audit.config.AuditConfig;

/**
 * Evaluates the alert rules on each new entry, inside the transaction that appended it, so the counts see
 * every entry before it. A rule fires when a person's count in the sliding window reaches its threshold, and then
 * stays quiet for that person for one window: one alert per rule, person and window, no floods.
 */
@ApplicationScoped
public class AlertRules {

    private static final Set<String> VIEWS = Set.of("VIEW", "VIEW_FULL_NUMBER");

    private final AuditConfig.Alerts config;
    private final AlertRaiser raiser;

    public AlertRules(AuditConfig config, AlertRaiser raiser) {
        this.config = config.alerts();
        this.raiser = raiser;
    }

    /**
     * Evaluates a batch of entries just appended, with their sequence numbers. Each counting rule runs once per person
     * and rule, at that person's latest entry of the batch, whose window covers the others; the off-hours rule
     * looks at every entry.
     */
    public void evaluateAll(Connection connection, List<AuditTrail.NewEntry> entries, long[] seqs)
            throws SQLException {
        Map<String, Integer> latest = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            AuditTrail.NewEntry entry = entries.get(i);
            if (entry.actorSubject() == null) {
                continue;
            }
            String category = VIEWS.contains(entry.action()) ? "VIEW" : entry.action();
            latest.merge(entry.actorSubject() + "\u0000" + category, i,
                    (earlier, later) -> entries.get(later).occurredAt().isBefore(entries.get(earlier).occurredAt())
                            ? earlier : later);
            offHours(connection, entry, seqs[i]);
        }
        for (int i : latest.values()) {
            counting(connection, entries.get(i), seqs[i]);
        }
    }

    private void counting(Connection connection, AuditTrail.NewEntry entry, long seq) throws SQLException {
        String action = entry.action();
        if ("COPY".equals(action)) {
            threshold(connection, entry, seq, Rule.MASS_COPY, config.copyThreshold(), config.copyWindow(),
                    "SELECT count(*) FROM audit_entry WHERE actor_subject = ? AND action = 'COPY' "
                            + "AND occurred_at_micros > ? AND occurred_at_micros <= ?");
        } else if (VIEWS.contains(action)) {
            threshold(connection, entry, seq, Rule.BULK_READ, config.bulkReadThreshold(), config.bulkReadWindow(),
                    "SELECT count(DISTINCT subject_key) FROM audit_entry WHERE actor_subject = ? "
                            + "AND action IN ('VIEW', 'VIEW_FULL_NUMBER') "
                            + "AND occurred_at_micros > ? AND occurred_at_micros <= ?");
        } else if ("DENIED".equals(action)) {
            threshold(connection, entry, seq, Rule.REPEATED_DENIALS, config.deniedThreshold(), config.deniedWindow(),
                    "SELECT count(*) FROM audit_entry WHERE actor_subject = ? AND action = 'DENIED' "
                            + "AND occurred_at_micros > ? AND occurred_at_micros <= ?");
        }
    }

    private void offHours(Connection connection, AuditTrail.NewEntry entry, long seq) throws SQLException {
        String action = entry.action();
        if (config.offHoursActions().contains(action) && outsideWorkingHours(entry.occurredAt())) {
            raiser.raiseUnlessRecent(connection, Rule.OFF_HOURS_CHANGE, entry, seq, 1, 1, config.offHoursWindow(),
                    action + " at " + entry.occurredAt().atZone(config.timeZone()).toLocalDateTime()
                            .truncatedTo(ChronoUnit.MINUTES) + " " + config.timeZone() + ", outside working hours");
        }
    }

    private void threshold(Connection connection, AuditTrail.NewEntry entry, long seq, Rule rule, int threshold,
                           Duration window, String countSql) throws SQLException {
        long at = AuditTrail.micros(entry.occurredAt());
        // Cheap first: while an alert of this rule is in force for the person, no count can raise another.
        if (raiser.raisedWithin(connection, rule, entry.actorSubject(), at - window.toNanos() / 1_000)) {
            return;
        }
        long observed;
        try (PreparedStatement count = connection.prepareStatement(countSql)) {
            count.setString(1, entry.actorSubject());
            count.setLong(2, at - window.toNanos() / 1_000);
            count.setLong(3, at);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                observed = result.getLong(1);
            }
        }
        if (observed >= threshold) {
            raiser.raiseUnlessRecent(connection, rule, entry, seq, observed, threshold, window,
                    observed + " × " + entry.action() + " within " + window.toMinutes() + " min (threshold "
                            + threshold + ")");
        }
    }

    private boolean outsideWorkingHours(Instant occurredAt) {
        ZonedDateTime local = occurredAt.atZone(config.timeZone());
        LocalTime time = local.toLocalTime();
        return !config.workDays().contains(local.getDayOfWeek())
                || time.isBefore(config.workStarts()) || !time.isBefore(config.workEnds());
    }
}
