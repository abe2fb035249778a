package io.dialright.audit.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.audit.chain.AuditTrail;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.Topics;
import io.dialright.platform.outbox.Outbox;

/** Stores an alert and announces it as {@code AuditAlertRaised}, unless the same rule fired for the person lately. */
@ApplicationScoped
public class AlertRaiser {

    /** Payload of {@code AuditAlertRaised} on {@code dialright.alerts.v1} (key: the person's subject). */
    public record AuditAlertRaised(UUID alertId, String rule, String actorSubject, String actorTeam, long observed,
                                   long threshold, long windowSeconds, long triggeredBySeq, Instant triggeredAt,
                                   String detail) {
    }

    private final Outbox outbox;

    public AlertRaiser(Outbox outbox) {
        this.outbox = outbox;
    }

    void raiseUnlessRecent(Connection connection, Rule rule, AuditTrail.NewEntry entry, long seq, long observed,
                           long threshold, Duration window, String detail) throws SQLException {
        long at = AuditTrail.micros(entry.occurredAt());
        if (raisedWithin(connection, rule, entry.actorSubject(), at - window.toNanos() / 1_000)) {
            return;
        }
        AuditAlertRaised alert = new AuditAlertRaised(UUID.randomUUID(), rule.name(), entry.actorSubject(),
                entry.actorTeam(), observed, threshold, window.toSeconds(), seq, entry.occurredAt(), detail);
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO audit_alert (id, rule, actor_subject, actor_team, window_seconds, triggered_at_micros,
                                         triggered_by_seq, observed, threshold, raised_at, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, alert.alertId());
            insert.setString(2, alert.rule());
            insert.setString(3, alert.actorSubject());
            insert.setString(4, alert.actorTeam());
            insert.setLong(5, alert.windowSeconds());
            insert.setLong(6, at);
            insert.setLong(7, seq);
            insert.setLong(8, observed);
            insert.setLong(9, threshold);
            insert.setTimestamp(10, Timestamp.from(Instant.now()));
            insert.setString(11, detail);
            insert.executeUpdate();
        }
        outbox.publish(Topics.ALERTS, "AuditAlertRaised", entry.actorSubject(), Actor.system("audit-service"), alert);
    }

    static boolean raisedWithin(Connection connection, Rule rule, String actor, long sinceMicros)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM audit_alert WHERE rule = ? AND actor_subject = ? AND triggered_at_micros > ?")) {
            query.setString(1, rule.name());
            query.setString(2, actor);
            query.setLong(3, sinceMicros);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }
}
