package io.dialright.consent.messaging;

import java.sql.Connection;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.consent.repository.NumberCalls;
import io.dialright.consent.service.NumberHistory;
import io.dialright.consent.service.NumberIndex;
import io.dialright.platform.consumer.EventSubscription;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.InvalidEventException;
import io.dialright.platform.events.Topics;
import io.dialright.platform.phone.InvalidPhoneNumberException;

/**
 * The calls made to and from a number, for access reports (K-8): {@code CallCompleted} of the dialer (blind index)
 * and a completed call of a telephony platform ({@code type: CALL_COMPLETED}, the number itself, which is hashed
 * here and not kept). A call is kept once per number and call id, whichever path brought it, or both: the dialer
 * re-announces the platforms' calls under their call id.
 */
@ApplicationScoped
public class CallHistory implements EventSubscription {

    /** The fields of a completed call this history keeps, from either topic. */
    public record CompletedCall(String type, String callId, UUID campaignId, String phoneHash, String phone,
                                String direction, String outcome, String operatorId, Integer durationSec,
                                Instant occurredAt) {
    }

    private final NumberHistory history;
    private final NumberIndex numbers;

    public CallHistory(NumberHistory history, NumberIndex numbers) {
        this.history = history;
        this.numbers = numbers;
    }

    @Override
    public String name() {
        return "call-history";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.DIALER, Topics.TELEPHONY_CALL_EVENTS);
    }

    @Override
    public void handle(EventEnvelope event, Connection connection) {
        boolean completed = "CallCompleted".equals(event.eventType())
                || "CALL_COMPLETED".equals(event.payload().path("type").asText());
        if (!completed) {
            return; // hand-outs, callbacks, calls still ringing: not a call made yet
        }
        CompletedCall call = event.payloadAs(CompletedCall.class);
        if (call.callId() == null || call.callId().isBlank()) {
            throw new InvalidEventException("Completed call of event " + event.eventId() + " has no callId");
        }
        history.called(phoneHashOf(call, event), new NumberCalls.Call(call.callId(), call.campaignId(),
                call.direction(), call.outcome(), call.operatorId(),
                call.occurredAt() != null ? call.occurredAt() : event.occurredAt(), call.durationSec()));
    }

    private String phoneHashOf(CompletedCall call, EventEnvelope event) {
        if (call.phoneHash() != null) {
            return call.phoneHash();
        }
        if (call.phone() == null) {
            throw new InvalidEventException("Call " + call.callId() + " of event " + event.eventId()
                    + " names no number (phoneHash or phone)");
        }
        try {
            return numbers.of(call.phone()).phoneHash();
        } catch (InvalidPhoneNumberException e) {
            throw new InvalidEventException("Call " + call.callId() + " of event " + event.eventId()
                    + " has an invalid number: " + e.getMessage());
        }
    }
}
