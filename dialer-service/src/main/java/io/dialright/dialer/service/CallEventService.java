package io.dialright.dialer.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.dialright.dialer.domain.CallEvent;
import io.dialright.dialer.domain.CallEventType;
import io.dialright.dialer.messaging.CallCompleted;
import io.dialright.dialer.repository.CallEventRepository;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.Topics;
import io.dialright.platform.outbox.Outbox;

/** Accepts call events (D-4): each event id once; a completed call is announced as {@code CallCompleted}. */
@ApplicationScoped
public class CallEventService {

    private final CallEventRepository events;
    private final Outbox outbox;

    public CallEventService(CallEventRepository events, Outbox outbox) {
        this.events = events;
        this.outbox = outbox;
    }

    /** {@code true} when the event was new; a replay changes nothing and publishes nothing. */
    @Transactional
    public boolean receive(CallEvent event, Actor actor) {
        if (!events.addIfNew(event)) {
            return false;
        }
        if (event.type == CallEventType.CALL_COMPLETED) {
            String key = event.contactId != null ? event.contactId.toString() : event.phoneHash;
            outbox.publish(Topics.DIALER, "CallCompleted", key, actor, new CallCompleted(event.callId,
                    event.campaignId, event.contactId, event.phoneHash, event.masked, event.direction.name(),
                    event.operatorId, event.outcome.name(), event.callbackAt, event.refusalReason,
                    event.durationSec, event.recordingRef, event.occurredAt));
        }
        return true;
    }
}
