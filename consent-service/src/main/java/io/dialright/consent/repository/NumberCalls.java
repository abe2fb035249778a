package io.dialright.consent.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The calls made to and from a number, as the dialer and the telephony platforms reported them, for access reports
 * (K-8). One row per number and call id. Plain JDBC: most fields may be missing, and each is bound with its type.
 */
@ApplicationScoped
public class NumberCalls {

    /** A completed call of the number. */
    public record Call(String callId, UUID campaignId, String direction, String outcome, String operatorId,
                       Instant occurredAt, Integer durationSec) {
    }

    private final DataSource dataSource;

    public NumberCalls(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Keeps a call once: the same call reported again (a redelivery, or the dialer re-announcing a telephony
     * platform's call) only fills what the first report left out. A call dated before an erasure of the number is
     * not kept: the erasure deleted the number's calls, and a late report must not bring one back.
     */
    public void add(String phoneHash, Call call) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO number_call (phone_hash, call_id, campaign_id, direction, outcome, operator_id,
                                              occurred_at, duration_sec)
                     SELECT ?, ?, ?, ?, ?, ?, ?, ?
                     WHERE NOT EXISTS (SELECT 1 FROM privacy_request
                                       WHERE phone_hash = ? AND type = 'ERASURE' AND received_at >= ?)
                     ON CONFLICT (phone_hash, call_id) DO UPDATE
                     SET campaign_id  = coalesce(number_call.campaign_id, excluded.campaign_id),
                         direction    = coalesce(number_call.direction, excluded.direction),
                         outcome      = coalesce(number_call.outcome, excluded.outcome),
                         operator_id  = coalesce(number_call.operator_id, excluded.operator_id),
                         duration_sec = coalesce(number_call.duration_sec, excluded.duration_sec)""")) {
            Timestamp occurredAt = Timestamp.from(call.occurredAt());
            insert.setString(1, phoneHash);
            insert.setString(2, call.callId());
            insert.setObject(3, call.campaignId(), Types.OTHER);
            insert.setString(4, call.direction());
            insert.setString(5, call.outcome());
            insert.setString(6, call.operatorId());
            insert.setTimestamp(7, occurredAt);
            if (call.durationSec() == null) {
                insert.setNull(8, Types.INTEGER);
            } else {
                insert.setInt(8, call.durationSec());
            }
            insert.setString(9, phoneHash);
            insert.setTimestamp(10, occurredAt);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not keep call " + call.callId(), e);
        }
    }

    /** The number's newest calls first, at most {@code limit}. */
    public List<Call> newest(String phoneHash, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT call_id, campaign_id, direction, outcome, operator_id, occurred_at, duration_sec
                     FROM number_call WHERE phone_hash = ? ORDER BY occurred_at DESC, call_id LIMIT ?""")) {
            select.setString(1, phoneHash);
            select.setInt(2, limit);
            List<Call> calls = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    calls.add(new Call(row.getString(1), row.getObject(2, UUID.class), row.getString(3),
                            row.getString(4), row.getString(5), row.getTimestamp(6).toInstant(),
                            row.getObject(7, Integer.class)));
                }
            }
            return calls;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the number's calls", e);
        }
    }

    public long count(String phoneHash) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT count(*) FROM number_call WHERE phone_hash = ?")) {
            select.setString(1, phoneHash);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the number's calls", e);
        }
    }

    public void deleteNumber(String phoneHash) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM number_call WHERE phone_hash = ?")) {
            delete.setString(1, phoneHash);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete the number's calls", e);
        }
    }
}
