package io.dialright.consent.messaging;

import java.sql.Connection;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.consent.repository.ContactNumbers;
import io.dialright.consent.repository.OperatorAssignments;
import io.dialright.consent.service.NumberIndex;
import io.dialright.platform.consumer.EventSubscription;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.InvalidEventException;
import io.dialright.platform.events.Topics;
import io.dialright.platform.phone.InvalidPhoneNumberException;

/**
 * Operators' access to contacts, from calls, by contact-service's rule: {@code CallScheduled} (the dialer handed
 * the contact to an operator) and a completed call with an operator ({@code CallCompleted} of the dialer,
 * {@code CALL_COMPLETED} of a telephony platform) open or refresh that operator's access, which lapses after
 * {@code dialright.consent.assignment-ttl}. A completed call that names no contact counts for the first contact
 * known to hold the number.
 */
@ApplicationScoped
public class CallAssignments implements EventSubscription {

    /** The fields of {@code CallScheduled} that open an operator's access. */
    public record CallScheduled(UUID contactId, String operatorId, String operatorTeam, Instant scheduledAt) {
    }

    /** The fields of a completed call, from either topic (the telephony payload has {@code phone} instead of hash). */
    public record CompletedCall(String type, String callId, UUID contactId, String phoneHash, String phone,
                                String operatorId, Instant occurredAt) {
    }

    private final OperatorAssignments assignments;
    private final ContactNumbers contacts;
    private final NumberIndex numbers;

    public CallAssignments(OperatorAssignments assignments, ContactNumbers contacts, NumberIndex numbers) {
        this.assignments = assignments;
        this.contacts = contacts;
        this.numbers = numbers;
    }

    @Override
    public String name() {
        return "call-assignments";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.DIALER, Topics.TELEPHONY_CALL_EVENTS);
    }

    @Override
    public void handle(EventEnvelope event, Connection connection) {
        if ("CallScheduled".equals(event.eventType())) {
            scheduled(event);
        } else if ("CallCompleted".equals(event.eventType())
                || "CALL_COMPLETED".equals(event.payload().path("type").asText())) {
            completed(event);
        }
    }

    private void scheduled(EventEnvelope event) {
        CallScheduled scheduled = event.payloadAs(CallScheduled.class);
        if (scheduled.contactId() == null || scheduled.operatorId() == null) {
            throw new InvalidEventException("CallScheduled " + event.eventId() + " names no contactId or operatorId");
        }
        assignments.touch(scheduled.contactId(), scheduled.operatorId(), scheduled.operatorTeam(),
                scheduled.scheduledAt() != null ? scheduled.scheduledAt() : event.occurredAt());
    }

    private void completed(EventEnvelope event) {
        CompletedCall call = event.payloadAs(CompletedCall.class);
        if (call.operatorId() == null) {
            return; // a call no operator took opens nobody's access
        }
        UUID contactId = call.contactId() != null ? call.contactId() : firstHolder(call, event);
        if (contactId != null) {
            assignments.touch(contactId, call.operatorId(), null,
                    call.occurredAt() != null ? call.occurredAt() : event.occurredAt());
        }
    }

    private UUID firstHolder(CompletedCall call, EventEnvelope event) {
        String phoneHash = call.phoneHash();
        if (phoneHash == null && call.phone() != null) {
            try {
                phoneHash = numbers.of(call.phone()).phoneHash();
            } catch (InvalidPhoneNumberException e) {
                throw new InvalidEventException("Call " + call.callId() + " of event " + event.eventId()
                        + " has an invalid number: " + e.getMessage());
            }
        }
        return phoneHash == null ? null
                : contacts.ofNumber(phoneHash).stream().map(ContactNumbers.ContactNumber::contactId).findFirst()
                .orElse(null);
    }
}
