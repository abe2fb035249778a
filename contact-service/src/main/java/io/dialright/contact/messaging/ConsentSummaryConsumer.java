package io.dialright.contact.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.platform.consumer.EventSubscription;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.InvalidEventException;
import io.dialright.platform.events.Topics;

/**
 * Keeps the consent summary of the caller-ID card (C-4) from what consent-service announces, per number:
 * <ul>
 *   <li>{@code ConsentGranted} / {@code ConsentRevoked}: the latest consent of the number's purpose and channel (a
 *       consent granted for them supersedes the earlier one there, as in consent-service);</li>
 *   <li>{@code OptOutRecorded} / {@code StopListEntryRemoved}: the number's stop-list entry in force.</li>
 * </ul>
 * Events of one number arrive in order (they are keyed by its blind index), and one arriving late is no older than
 * what is kept: a row changes only for a later moment. Nothing is kept for a number erased on request: the erasure
 * deletes the rows and later events of the number are dropped, both under the number's lock.
 */
@ApplicationScoped
public class ConsentSummaryConsumer implements EventSubscription {

    /** The fields of {@code ConsentGranted} and {@code ConsentRevoked} the summary keeps. */
    public record ConsentChanged(UUID consentId, String phoneHash, String purpose, String channel,
                                 String legalBasis, Instant validUntil, Instant at) {
    }

    /** The fields of {@code OptOutRecorded} the summary keeps. */
    public record OptOutRecorded(UUID stopListEntryId, String phoneHash, String channel, Instant recordedAt) {
    }

    /** The fields of {@code StopListEntryRemoved} the summary needs. */
    public record StopListEntryRemoved(UUID stopListEntryId, String phoneHash) {
    }

    @Override
    public String name() {
        return "consent-summary";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.CONSENTS);
    }

    @Override
    public void handle(EventEnvelope event, Connection connection) throws SQLException {
        switch (event.eventType()) {
            case "ConsentGranted", "ConsentRevoked" -> consentChanged(connection, event,
                    event.payloadAs(ConsentChanged.class));
            case "OptOutRecorded" -> optedOut(connection, event, event.payloadAs(OptOutRecorded.class));
            case "StopListEntryRemoved" -> stopListEntryRemoved(connection, event,
                    event.payloadAs(StopListEntryRemoved.class));
            default -> {
                // other consent events say nothing the card shows
            }
        }
    }

    private static void consentChanged(Connection connection, EventEnvelope event, ConsentChanged consent)
            throws SQLException {
        if (consent.consentId() == null || consent.purpose() == null || consent.channel() == null
                || consent.legalBasis() == null || consent.at() == null) {
            throw new InvalidEventException(event.eventType() + " " + event.eventId()
                    + " lacks consentId, purpose, channel, legalBasis or at");
        }
        String status = "ConsentGranted".equals(event.eventType()) ? "ACTIVE" : "REVOKED";
        if (!lockUnlessErased(connection, event, consent.phoneHash())) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO caller_consent (phone_hash, purpose, channel, consent_id, legal_basis, status, valid_until,
                                            changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (phone_hash, purpose, channel) DO UPDATE
                SET consent_id = excluded.consent_id, legal_basis = excluded.legal_basis, status = excluded.status,
                    valid_until = excluded.valid_until, changed_at = excluded.changed_at
                WHERE caller_consent.changed_at <= excluded.changed_at""")) {
            upsert.setString(1, consent.phoneHash());
            upsert.setString(2, consent.purpose());
            upsert.setString(3, consent.channel());
            upsert.setObject(4, consent.consentId());
            upsert.setString(5, consent.legalBasis());
            upsert.setString(6, status);
            upsert.setTimestamp(7, consent.validUntil() == null ? null : Timestamp.from(consent.validUntil()));
            upsert.setTimestamp(8, Timestamp.from(consent.at()));
            upsert.executeUpdate();
        }
    }

    private static void optedOut(Connection connection, EventEnvelope event, OptOutRecorded optOut)
            throws SQLException {
        if (optOut.stopListEntryId() == null || optOut.channel() == null || optOut.recordedAt() == null) {
            throw new InvalidEventException("OptOutRecorded " + event.eventId()
                    + " lacks stopListEntryId, channel or recordedAt");
        }
        if (!lockUnlessErased(connection, event, optOut.phoneHash())) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO caller_stop_listing (phone_hash, stop_list_entry_id, channel, recorded_at)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (phone_hash) DO UPDATE
                SET stop_list_entry_id = excluded.stop_list_entry_id, channel = excluded.channel,
                    recorded_at = excluded.recorded_at
                WHERE caller_stop_listing.recorded_at <= excluded.recorded_at""")) {
            upsert.setString(1, optOut.phoneHash());
            upsert.setObject(2, optOut.stopListEntryId());
            upsert.setString(3, optOut.channel());
            upsert.setTimestamp(4, Timestamp.from(optOut.recordedAt()));
            upsert.executeUpdate();
        }
    }

    private static void stopListEntryRemoved(Connection connection, EventEnvelope event, StopListEntryRemoved removed)
            throws SQLException {
        if (removed.stopListEntryId() == null) {
            throw new InvalidEventException("StopListEntryRemoved " + event.eventId() + " names no stopListEntryId");
        }
        if (!lockUnlessErased(connection, event, removed.phoneHash())) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM caller_stop_listing WHERE phone_hash = ? AND stop_list_entry_id = ?")) {
            delete.setString(1, removed.phoneHash());
            delete.setObject(2, removed.stopListEntryId());
            delete.executeUpdate();
        }
    }

    /**
     * Takes the number's lock, as creates, imports and erasures do, and tells whether the number may still be kept:
     * not once it was erased on request.
     */
    private static boolean lockUnlessErased(Connection connection, EventEnvelope event, String phoneHash)
            throws SQLException {
        if (phoneHash == null || phoneHash.length() != 64) {
            throw new InvalidEventException(event.eventType() + " " + event.eventId() + " names no phoneHash");
        }
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT pg_advisory_xact_lock(hashtextextended(?, 7))")) {
            lock.setString(1, phoneHash);
            lock.execute();
        }
        try (PreparedStatement erased = connection.prepareStatement(
                "SELECT 1 FROM erased_number WHERE phone_hash = ?")) {
            erased.setString(1, phoneHash);
            try (ResultSet row = erased.executeQuery()) {
                return !row.next();
            }
        }
    }
}
