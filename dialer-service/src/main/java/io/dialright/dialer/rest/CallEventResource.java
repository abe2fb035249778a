package io.dialright.dialer.rest;

import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.dialright.dialer.domain.CallEvent;
import io.dialright.dialer.domain.CallEventType;
import io.dialright.dialer.domain.CallOutcome;
import io.dialright.dialer.service.CallEventService;
import io.dialright.platform.crypto.BlindIndex;
import io.dialright.platform.phone.PhoneNumber;
import io.dialright.platform.phone.PhoneNumbers;
import io.dialright.platform.problem.ProblemException;
import io.dialright.platform.security.CurrentActor;

/** Call events from telephony platforms and operator desktops (D-4). */
@Path("/api/call-events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CallEventResource {

    /** The answer: the event id and whether it was new or a replay. */
    public record Accepted(UUID eventId, boolean duplicate) {
    }

    private final CallEventService service;
    private final PhoneNumbers numbers;
    private final BlindIndex blindIndex;
    private final CurrentActor actor;

    public CallEventResource(CallEventService service, PhoneNumbers numbers, BlindIndex blindIndex,
                             CurrentActor actor) {
        this.service = service;
        this.numbers = numbers;
        this.blindIndex = blindIndex;
        this.actor = actor;
    }

    /** 202 for a new event and for a replay of a known one (which changes nothing). */
    @POST
    @RolesAllowed({CurrentActor.INTEGRATION, CurrentActor.OPERATOR})
    public Response receive(@Valid @NotNull CallEventRequest request) {
        requireOutcomeDetails(request);
        if (!actor.hasRole(CurrentActor.INTEGRATION) && !request.operatorId().equals(actor.subject())) {
            throw new ProblemException(403, "Forbidden",
                    "Operators report their own calls: operatorId must be your own id.");
        }
        PhoneNumber phone = numbers.parse(request.phone());
        boolean fresh = service.receive(toEvent(request, phone), actor.asActor());
        return Response.accepted(new Accepted(request.eventId(), !fresh)).build();
    }

    private static void requireOutcomeDetails(CallEventRequest request) {
        if (request.type() == CallEventType.CALL_COMPLETED && request.outcome() == null) {
            throw ProblemException.invalidField("outcome", "A completed call needs its outcome.");
        }
        if (request.outcome() == CallOutcome.CALLBACK && request.callbackAt() == null) {
            throw ProblemException.invalidField("callbackAt", "A callback outcome needs the agreed time.");
        }
    }

    private CallEvent toEvent(CallEventRequest request, PhoneNumber phone) {
        CallEvent event = new CallEvent();
        event.id = UUID.randomUUID();
        event.eventId = request.eventId();
        event.type = request.type();
        event.callId = request.callId();
        event.campaignId = request.campaignId();
        event.contactId = request.contactId();
        event.phoneHash = blindIndex.of(phone.e164());
        event.masked = phone.masked();
        event.direction = request.direction();
        event.operatorId = request.operatorId();
        event.outcome = request.outcome();
        event.callbackAt = request.callbackAt();
        event.refusalReason = request.refusalReason();
        event.durationSec = request.durationSec();
        event.recordingRef = request.recordingRef();
        event.occurredAt = request.occurredAt();
        event.receivedAt = Instant.now();
        event.receivedFrom = actor.subject();
        return event;
    }
}
