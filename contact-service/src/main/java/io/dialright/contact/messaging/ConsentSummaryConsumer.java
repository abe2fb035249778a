package io.dialright.contact.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.contact.repository.NumberLocks;
import io.dialright.platform.consumer.EventSubscription;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.InvalidEventException;
import io.dialright.platform.events.Topics;

/**
 * Keeps the consent summary of the caller-ID card (C-4) from what consent-service announces, per number:
 * <ul>
 *   <li>{@code ConsentGranted}: the consent in force for the number's purpose and channel (it supersedes the earlier
 *       one there, as in consent-service);</li>
 *   <li>{@code ConsentRevoked}: that consent, if it is the one kept, is revoked — a withdrawn pending consent, never
 *       kept, leaves the active one alone;</li>
 *   <li>{@code OptOutRecorded} / {@code StopListEntryRemoved}: the number's stop-list entry in force;</li>
 *   <li>{@code ErasureRequested}: the summary is deleted and the number's tombstone written, so later events of it
 *       are dropped.</li>
 * </ul>
 * Events of one number are applied in the order consent-service committed them: they are keyed by its blind index,
 * so they lie in one partition in that order (their {@code at} may not be: it is read before the number's lock). A
 * batch locks its numbers in sorted order before applying anything, as every writer of several numbers does.
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

    /** The fields of {@code ErasureRequested} the summary needs. */
    public record ErasureRequested(String privacyRequestId, String phoneHash) {
    }

    /** The fields of {@code StopListEntryRemoved} the summary needs. */
    public record StopListEntryRemoved(UUID stopListEntryId, String phoneHash) {
    }

    /** The events that change the summary; the topic's others are passed over. */
    private static final Set<String> APPLIED = Set.of("ConsentGranted", "ConsentRevoked", "OptOutRecorded",
            "StopListEntryRemoved", "ErasureRequested");

    @Override
    public String name() {
        return "consent-summary";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.CONSENTS);
    }

    @Override
    public void handleAll(List<EventEnvelope> events, Connection connection) throws SQLException {
        NumberLocks.lockNumbersOf(connection, events, APPLIED);
        for (EventEnvelope event : events) {
            handle(event, connection);
        }
    }

    @Override
    public void handle(EventEnvelope event, Connection connection) throws SQLException {
        switch (event.eventType()) {
            case "ConsentGranted", "ConsentRevoked" -> consentChanged(connection, event,
                    event.payloadAs(ConsentChanged.class));
            case "OptOutRecorded" -> optedOut(connection, event, event.payloadAs(OptOutRecorded.class));
            case "StopListEntryRemoved" -> stopListEntryRemoved(connection, event,
                    event.payloadAs(StopListEntryRemoved.class));
            case "ErasureRequested" -> erased(connection, event, event.payloadAs(ErasureRequested.class));
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
        if (!lockUnlessErased(connection, event, consent.phoneHash())) {
            return;
        }
        if ("ConsentRevoked".equals(event.eventType())) {
            try (PreparedStatement revoke = connection.prepareStatement("""
                    UPDATE caller_consent SET status = 'REVOKED', changed_at = ?
                    WHERE phone_hash = ? AND purpose = ? AND channel = ? AND consent_id = ?""")) {
                revoke.setTimestamp(1, Timestamp.from(consent.at()));
                revoke.setString(2, consent.phoneHash());
                revoke.setString(3, consent.purpose());
                revoke.setString(4, consent.channel());
                revoke.setObject(5, consent.consentId());
                revoke.executeUpdate();
            }
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO caller_consent (phone_hash, purpose, channel, consent_id, legal_basis, status, valid_until,
                                            changed_at)
                VALUES (?, ?, ?, ?, ?, 'ACTIVE', ?, ?)
                ON CONFLICT (phone_hash, purpose, channel) DO UPDATE
                SET consent_id = excluded.consent_id, legal_basis = excluded.legal_basis, status = excluded.status,
                    valid_until = excluded.valid_until, changed_at = excluded.changed_at""")) {
            upsert.setString(1, consent.phoneHash());
            upsert.setString(2, consent.purpose());
            upsert.setString(3, consent.channel());
            upsert.setObject(4, consent.consentId());
            upsert.setString(5, consent.legalBasis());
            upsert.setTimestamp(6, consent.validUntil() == null ? null : Timestamp.from(consent.validUntil()));
            upsert.setTimestamp(7, Timestamp.from(consent.at()));
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
                    recorded_at = excluded.recorded_at""")) {
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
     * The number's tombstone (as the erasure consumer writes it too, whichever runs first) and no summary left: what
     * consent-service published of the number before its erasure, and this group applies before this event, goes.
     */
    private static void erased(Connection connection, EventEnvelope event, ErasureRequested erasure)
            throws SQLException {
        UUID privacyRequestId;
        try {
            privacyRequestId = UUID.fromString(String.valueOf(erasure.privacyRequestId()));
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("ErasureRequested " + event.eventId() + " names no privacyRequestId");
        }
        lockUnlessErased(connection, event, erasure.phoneHash());
        try (PreparedStatement tombstone = connection.prepareStatement("""
                INSERT INTO erased_number (phone_hash, privacy_request_id, erased_at) VALUES (?, ?, ?)
                ON CONFLICT (phone_hash) DO NOTHING""")) {
            tombstone.setString(1, erasure.phoneHash());
            tombstone.setObject(2, privacyRequestId);
            tombstone.setTimestamp(3, Timestamp.from(event.occurredAt()));
            tombstone.executeUpdate();
        }
        for (String table : List.of("caller_consent", "caller_stop_listing")) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM " + table + " WHERE phone_hash = ?")) {
                delete.setString(1, erasure.phoneHash());
                delete.executeUpdate();
            }
        }
    }

    /** The number's lock (see {@link NumberLocks}); false when the number was erased and nothing may be kept. */
    private static boolean lockUnlessErased(Connection connection, EventEnvelope event, String phoneHash)
            throws SQLException {
        if (phoneHash == null || phoneHash.length() != 64) {
            throw new InvalidEventException(event.eventType() + " " + event.eventId() + " names no phoneHash");
        }
        return NumberLocks.lockUnlessErased(connection, phoneHash);
    }
}
