package io.dialright.contact.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.contact.crypto.PhoneVault;
import io.dialright.contact.domain.Contact;
import io.dialright.contact.domain.RowIds;
import io.dialright.contact.repository.AssignmentRepository;
import io.dialright.contact.repository.ContactRepository;
import io.dialright.contact.repository.NumberLocks;
import io.dialright.platform.consumer.EventSubscription;
import io.dialright.platform.crypto.FieldCipher;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.InvalidEventException;
import io.dialright.platform.events.Topics;
import io.dialright.platform.phone.InvalidPhoneNumberException;
import io.dialright.platform.phone.PhoneNumbers;

/**
 * Builds each contact's interaction history (C-5) and operators' access (C-8) from calls:
 * <ul>
 *   <li>{@code CallCompleted} of the dialer and {@code CALL_COMPLETED} of the telephony platforms become one
 *       interaction per call id, whichever path (or both) it came by, and move the contact's last contact time;</li>
 *   <li>{@code CallScheduled} (the dialer handed the contact to an operator) and a completed call with an operator
 *       open or refresh that operator's access, which lapses after the configured TTL.</li>
 * </ul>
 * A call to a number no contact holds is kept under the number's blind index; the caller-ID lookup finds it. A call
 * of a number erased on request, reported after the erasure, is dropped.
 */
@ApplicationScoped
public class CallHistoryConsumer implements EventSubscription {

    /** The fields of a completed call this service keeps; the telephony payload adds {@code phone} in plaintext. */
    public record CompletedCall(String type, String callId, String campaignId, UUID contactId, String phoneHash,
                                String phone, String direction, String operatorId, String outcome,
                                String refusalReason, Integer durationSec, String recordingRef, Instant occurredAt) {
    }

    /** The fields of {@code CallScheduled} that open an operator's access. */
    public record CallScheduled(UUID contactId, String operatorId, String operatorTeam, Instant scheduledAt) {
    }

    private final PhoneNumbers numbers;
    private final PhoneVault vault;
    private final ContactRepository contacts;
    private final AssignmentRepository assignments;

    public CallHistoryConsumer(PhoneNumbers numbers, PhoneVault vault, ContactRepository contacts,
                               AssignmentRepository assignments) {
        this.numbers = numbers;
        this.vault = vault;
        this.contacts = contacts;
        this.assignments = assignments;
    }

    @Override
    public String name() {
        return "call-history";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.DIALER, Topics.TELEPHONY_CALL_EVENTS);
    }

    /**
     * A batch locks the numbers of its completed calls in sorted order first, as every writer of several numbers does
     * (a call of an erased number is dropped under that lock, see {@link #completed}).
     */
    @Override
    public void handleAll(List<EventEnvelope> events, Connection connection) throws Exception {
        List<String> numbers = new ArrayList<>();
        for (EventEnvelope event : events) {
            if (isCompletedCall(event)) {
                try {
                    CompletedCall call = event.payloadAs(CompletedCall.class);
                    String phoneHash = call.phoneHash() != null ? call.phoneHash() : hashOf(call.phone(), event);
                    if (phoneHash != null) {
                        numbers.add(phoneHash);
                    }
                } catch (InvalidEventException e) {
                    // handle() parks it
                }
            }
        }
        NumberLocks.lockSorted(connection, numbers);
        for (EventEnvelope event : events) {
            handle(event, connection);
        }
    }

    @Override
    public void handle(EventEnvelope event, Connection connection) throws Exception {
        if ("CallScheduled".equals(event.eventType())) {
            scheduled(event);
        } else if (isCompletedCall(event)) {
            completed(event, connection);
        }
    }

    private void scheduled(EventEnvelope event) {
        CallScheduled scheduled = event.payloadAs(CallScheduled.class);
        if (scheduled.contactId() == null || scheduled.operatorId() == null) {
            throw new InvalidEventException("CallScheduled " + event.eventId() + " names no contactId or operatorId");
        }
        Instant at = scheduled.scheduledAt() != null ? scheduled.scheduledAt() : event.occurredAt();
        if (liveContact(scheduled.contactId())) {
            assignments.touch(scheduled.contactId(), scheduled.operatorId(), scheduled.operatorTeam(), at);
        }
    }

    /** The telephony topic carries the call-event payload of POST /api/call-events: its type says completed. */
    private static boolean isCompletedCall(EventEnvelope event) {
        return "CallCompleted".equals(event.eventType())
                || "CALL_COMPLETED".equals(event.payload().path("type").asText());
    }

    /** One interaction per call id; none for a number erased on request (a call reported after the erasure). */
    private void completed(EventEnvelope event, Connection connection) throws SQLException {
        CompletedCall call = event.payloadAs(CompletedCall.class);
        if (call.callId() == null || call.occurredAt() == null) {
            throw new InvalidEventException("Call " + event.eventId() + " has no callId or occurredAt");
        }
        String phoneHash = call.phoneHash() != null ? call.phoneHash() : hashOf(call.phone(), event);
        if (phoneHash != null && !NumberLocks.lockUnlessErased(connection, phoneHash)) {
            return;
        }
        UUID contactId = call.contactId() != null && liveContact(call.contactId()) ? call.contactId()
                : phoneHash == null ? null : contacts.firstHolderOf(phoneHash, null).orElse(null);
        if (!insertInteraction(connection, call, contactId, phoneHash)) {
            return; // the same call arrived by the other path already
        }
        if (contactId != null) {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE contact SET last_contact_at = greatest(coalesce(last_contact_at, ?), ?) WHERE id = ?""")) {
                update.setTimestamp(1, Timestamp.from(call.occurredAt()));
                update.setTimestamp(2, Timestamp.from(call.occurredAt()));
                update.setObject(3, contactId);
                update.executeUpdate();
            }
            if (call.operatorId() != null) {
                assignments.touch(contactId, call.operatorId(), null, call.occurredAt());
            }
        }
    }

    private String hashOf(String phone, EventEnvelope event) {
        if (phone == null) {
            return null;
        }
        try {
            return vault.blindIndexOf(numbers.parse(phone).e164());
        } catch (InvalidPhoneNumberException e) {
            throw new InvalidEventException("Call " + event.eventId() + " has an invalid phone number");
        }
    }

    private boolean insertInteraction(Connection connection, CompletedCall call, UUID contactId, String phoneHash)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO interaction (id, call_id, contact_id, phone_hash, direction, outcome, operator_id,
                                         campaign_id, reason, duration_sec, recording_ref_sealed, recording_key_id,
                                         occurred_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (call_id) DO NOTHING""")) {
            UUID id = RowIds.next();
            insert.setObject(1, id);
            insert.setString(2, call.callId());
            insert.setObject(3, contactId);
            insert.setString(4, phoneHash);
            insert.setString(5, call.direction());
            insert.setString(6, call.outcome());
            insert.setString(7, call.operatorId());
            insert.setString(8, call.campaignId());
            insert.setString(9, call.refusalReason());
            if (call.durationSec() == null) {
                insert.setNull(10, Types.INTEGER);
            } else {
                insert.setInt(10, call.durationSec());
            }
            // The reference often names the caller's number: sealed like the numbers (C-7).
            FieldCipher.Sealed recording = call.recordingRef() == null ? null
                    : vault.sealRecordingRef(id, call.recordingRef());
            insert.setBytes(11, recording == null ? null : recording.ciphertext());
            insert.setString(12, recording == null ? null : recording.keyId());
            insert.setTimestamp(13, Timestamp.from(call.occurredAt()));
            return insert.executeUpdate() == 1;
        }
    }

    private boolean liveContact(UUID contactId) {
        Contact contact = contacts.findById(contactId);
        return contact != null && contact.erasedAt == null;
    }
}
