package io.dialright.dialer.handout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.dialer.rules.PastAttempt;

/**
 * The outbound attempts on a number across all campaigns, newest first: the attempt limits protect the person, not
 * a campaign. Reaches back far enough for every preset (a month's cool-off after a week, 60 days after a refusal).
 */
@ApplicationScoped
public class AttemptHistory {

    static final Duration REACH = Duration.ofDays(120);

    private final DataSource dataSource;

    public AttemptHistory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<PastAttempt> of(String phoneHash, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT occurred_at, operator_id, outcome, conversation FROM call_attempt
                     WHERE phone_hash = ? AND occurred_at > ? ORDER BY occurred_at DESC LIMIT 500""")) {
            select.setString(1, phoneHash);
            select.setTimestamp(2, Timestamp.from(now.minus(REACH)));
            List<PastAttempt> attempts = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    attempts.add(new PastAttempt(rows.getTimestamp(1).toInstant(), rows.getString(2),
                            rows.getString(3), rows.getBoolean(4)));
                }
            }
            return attempts;
        }
    }
}
