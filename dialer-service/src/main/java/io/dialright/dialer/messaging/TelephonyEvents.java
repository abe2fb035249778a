package io.dialright.dialer.messaging;

import java.sql.Connection;
import java.time.Clock;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import io.dialright.dialer.rest.CallEventRequest;
import io.dialright.dialer.service.CallEventService;
import io.dialright.platform.consumer.EventSubscription;
import io.dialright.platform.crypto.BlindIndex;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.InvalidEventException;
import io.dialright.platform.events.Topics;
import io.dialright.platform.phone.InvalidPhoneNumberException;
import io.dialright.platform.phone.PhoneNumber;
import io.dialright.platform.phone.PhoneNumbers;

/**
 * Call events published by telephony platforms on {@code dialright.telephony.call-events.v1}: the same payload as
 * {@code POST /api/call-events}, the same effect, the same replay safety by {@code eventId}. An invalid event is
 * parked (dead letters) with the reason, never half applied.
 */
@ApplicationScoped
public class TelephonyEvents implements EventSubscription {

    private final CallEventService calls;
    private final PhoneNumbers numbers;
    private final BlindIndex blindIndex;
    private final Validator validator;
    private final Clock clock;

    public TelephonyEvents(CallEventService calls, PhoneNumbers numbers, BlindIndex blindIndex, Validator validator,
                           Clock clock) {
        this.calls = calls;
        this.numbers = numbers;
        this.blindIndex = blindIndex;
        this.validator = validator;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "telephony-call-events";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.TELEPHONY_CALL_EVENTS);
    }

    @Override
    public void handle(EventEnvelope envelope, Connection connection) {
        CallEventRequest request = envelope.payloadAs(CallEventRequest.class);
        Set<ConstraintViolation<CallEventRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            ConstraintViolation<CallEventRequest> first = violations.iterator().next();
            throw new InvalidEventException("Call event " + envelope.eventId() + ": " + first.getPropertyPath()
                    + " " + first.getMessage());
        }
        CallEventRequest.Missing missing = request.missingDetail();
        if (missing != null) {
            throw new InvalidEventException("Call event " + envelope.eventId() + ": " + missing.message());
        }
        PhoneNumber phone;
        try {
            phone = numbers.parse(request.phone());
        } catch (InvalidPhoneNumberException e) {
            throw new InvalidEventException("Call event " + envelope.eventId() + " has an invalid number");
        }
        String producer = envelope.actor() != null ? envelope.actor().subject() : envelope.producer();
        String receivedFrom = producer == null ? "telephony-topic" : producer;
        calls.receive(request.toEvent(phone, blindIndex.of(phone.e164()), receivedFrom, clock.instant()),
                envelope.actor() != null ? envelope.actor() : Actor.system(envelope.producer()));
    }
}
