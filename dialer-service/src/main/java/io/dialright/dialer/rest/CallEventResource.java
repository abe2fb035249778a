package io.dialright.dialer.rest;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dialright.dialer.domain.CallEvent;
import io.dialright.dialer.handout.MemberQueue;
import io.dialright.dialer.service.CallEventService;
import io.dialright.dialer.service.FollowUps;
import io.dialright.platform.crypto.BlindIndex;
import io.dialright.platform.idempotency.NotReplayed;
import io.dialright.platform.phone.PhoneNumber;
import io.dialright.platform.phone.PhoneNumbers;
import io.dialright.platform.problem.ProblemException;
import io.dialright.platform.security.CurrentActor;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Call events from telephony platforms and operator desktops (D-4). */
@Path("/api/call-events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CallEventResource {

    /** Telephony platforms' clocks drift; beyond this an event time in the future is refused. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** The answer: the event id and whether it was new or a replay. */
    public record Accepted(UUID eventId, boolean duplicate) {
    }

    private final CallEventService service;
    private final PhoneNumbers numbers;
    private final BlindIndex blindIndex;
    private final CurrentActor actor;
    private final WebhookSignatures signatures;
    private final FollowUps followUps;
    private final ObjectMapper json;
    private final Validator validator;
    private final JsonWebToken token;
    private final MemberQueue queue;
    private final Clock clock;

    public CallEventResource(CallEventService service, PhoneNumbers numbers, BlindIndex blindIndex,
                             CurrentActor actor, WebhookSignatures signatures, FollowUps followUps, ObjectMapper json,
                             Validator validator, JsonWebToken token, MemberQueue queue, Clock clock) {
        this.service = service;
        this.numbers = numbers;
        this.blindIndex = blindIndex;
        this.actor = actor;
        this.signatures = signatures;
        this.followUps = followUps;
        this.json = json;
        this.validator = validator;
        this.token = token;
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * 202 for a new event and for a replay of a known one (which changes nothing). Machine clients sign the raw
     * body ({@code X-Signature}); operators' desktops are vouched for by the operator's token.
     */
    @POST
    @RolesAllowed({CurrentActor.INTEGRATION, CurrentActor.OPERATOR})
    @NotReplayed
    public Response receive(byte[] body, @HeaderParam("X-Signature") String signature)
            throws IOException, SQLException {
        if (actor.hasRole(CurrentActor.INTEGRATION)) {
            signatures.verify(actor.subject(), body, signature);
        }
        CallEventRequest request = parse(body);
        CallEventRequest.Missing missing = request.missingDetail();
        if (missing != null) {
            throw ProblemException.invalidField(missing.field(), missing.message());
        }
        // A call that has not happened yet would keep an operator's access to the contact open until that date.
        if (request.occurredAt().isAfter(clock.instant().plus(CLOCK_SKEW))) {
            throw ProblemException.invalidField("occurredAt", "occurredAt lies in the future; send the time the "
                    + "call event happened (ISO-8601, e.g. 2026-11-28T09:15:00Z).");
        }
        if (!actor.hasRole(CurrentActor.INTEGRATION)) {
            requireOwnCall(request);
        }
        PhoneNumber phone = numbers.parse(request.phone());
        CallEvent event = request.toEvent(phone, blindIndex.of(phone.e164()), actor.subject(), clock.instant());
        boolean fresh = service.receive(event, actor.asActor());
        if (fresh) {
            followUps.afterCall(event, phone.e164(), token.getRawToken());
        }
        return Response.accepted(new Accepted(request.eventId(), !fresh)).build();
    }

    /**
     * Operators report their own calls, and only on contacts handed out to them: a call event opens access to the
     * contact in contact-service, so it must not be a way to reach someone else's customer. Inbound calls and calls
     * without a hand-out are reported by the telephony platform.
     */
    private void requireOwnCall(CallEventRequest request) throws SQLException {
        if (!request.operatorId().equals(actor.subject())) {
            throw new ProblemException(403, "Forbidden",
                    "Operators report their own calls: operatorId must be your own id.");
        }
        // Without a contact, the services credit a completed call to the number's first contact: an operator could
        // open access to any customer by naming a number. Operators report hand-outs only.
        if (request.contactId() == null || request.campaignId() == null
                || !queue.isLeasedTo(request.campaignId(), request.contactId(), actor.subject())) {
            throw new ProblemException(403, "Forbidden", "Operators report calls on contacts handed out to them "
                    + "(campaignId and contactId of your current hand-out); other calls come from the telephony "
                    + "platform.");
        }
    }

    private CallEventRequest parse(byte[] body) throws IOException {
        if (body == null || body.length == 0) {
            throw new ProblemException(400, "Bad request", "The body is empty: send the call event as JSON.");
        }
        CallEventRequest request = json.readValue(body, CallEventRequest.class);
        if (request == null) {
            throw new ProblemException(400, "Bad request", "The body is JSON null: send the call event.");
        }
        Set<ConstraintViolation<CallEventRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request;
    }
}
