package io.dialright.dialer.handout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * The dialer's projection of the stop list, and what it does to the queue: an opt-out parks every membership of the
 * number at once (a pre-filter: the hand-out still asks consent-service), a removal lets them be examined again —
 * unless the number was opted out again after the removal. Fed by consent-service's events and by call events
 * ending in {@code OPT_OUT} (the local row guards the number until consent-service's own event comes back).
 */
public final class StopList {

    private StopList() {
    }

    /** Records an opt-out at {@code optedOutAt} (the latest one wins) and parks the number until {@code until}. */
    public static void optedOut(Connection connection, String phoneHash, Instant optedOutAt, UUID sourceEventId,
                                Instant until) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO stop_list_projection (phone_hash, opted_out_at, source_event_id) VALUES (?, ?, ?)
                ON CONFLICT (phone_hash) DO UPDATE
                SET opted_out_at = greatest(stop_list_projection.opted_out_at, excluded.opted_out_at)""");
             PreparedStatement park = connection.prepareStatement("""
                     UPDATE campaign_member SET state = 'WAITING', block_code = 'STOP_LIST', next_eligible_at = ?
                     WHERE phone_hash = ? AND state IN ('READY', 'CALLBACK', 'WAITING')""")) {
            insert.setString(1, phoneHash);
            insert.setTimestamp(2, Timestamp.from(optedOutAt));
            insert.setObject(3, sourceEventId);
            insert.executeUpdate();
            park.setTimestamp(1, Timestamp.from(until));
            park.setString(2, phoneHash);
            park.executeUpdate();
        }
    }

    /**
     * A supervisor removed the number's entry at {@code removedAt}: the projection forgets opt-outs up to then and
     * the parked memberships may be examined at once. An opt-out recorded after the removal stays.
     */
    public static void removed(Connection connection, String phoneHash, Instant removedAt, Instant now)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM stop_list_projection WHERE phone_hash = ? AND opted_out_at <= ?");
             PreparedStatement wake = connection.prepareStatement("""
                     UPDATE campaign_member SET next_eligible_at = ?
                     WHERE phone_hash = ? AND state = 'WAITING' AND block_code = 'STOP_LIST'
                       AND NOT EXISTS (SELECT 1 FROM stop_list_projection s WHERE s.phone_hash = ?)""")) {
            delete.setString(1, phoneHash);
            delete.setTimestamp(2, Timestamp.from(removedAt));
            delete.executeUpdate();
            wake.setTimestamp(1, Timestamp.from(now));
            wake.setString(2, phoneHash);
            wake.setString(3, phoneHash);
            wake.executeUpdate();
        }
    }
}
