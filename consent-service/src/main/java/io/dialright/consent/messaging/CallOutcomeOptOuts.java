package io.dialright.consent.messaging;

import java.sql.Connection;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.consent.domain.CustomerChannel;
import io.dialright.consent.service.IndexedNumber;
import io.dialright.consent.service.NumberIndex;
import io.dialright.consent.service.OptOutService;
import io.dialright.platform.consumer.EventSubscription;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.InvalidEventException;
import io.dialright.platform.events.Topics;
import io.dialright.platform.phone.InvalidPhoneNumberException;

/**
 * A call that ended with the customer asking not to be called again puts the number on the stop list, as if the
 * operator had posted the opt-out: {@code CallCompleted} with outcome {@code OPT_OUT} from the dialer (blind index
 * and masked number) or a completed call from a telephony platform (the number itself, which is hashed here and
 * not kept). The stop list's "one entry in force per number" makes the two paths, and the REST opt-out, one entry.
 */
@ApplicationScoped
public class CallOutcomeOptOuts implements EventSubscription {

    /** The fields of a completed call this consumer needs, from either topic. */
    public record CallCompleted(String type, String callId, String phoneHash, String masked, String phone,
                                String outcome, String operatorId) {
    }

    private final OptOutService optOuts;
    private final NumberIndex numbers;

    public CallOutcomeOptOuts(OptOutService optOuts, NumberIndex numbers) {
        this.optOuts = optOuts;
        this.numbers = numbers;
    }

    @Override
    public String name() {
        return "call-outcome-opt-outs";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.DIALER, Topics.TELEPHONY_CALL_EVENTS);
    }

    @Override
    public void handle(EventEnvelope event, Connection connection) {
        CallCompleted call = event.payloadAs(CallCompleted.class);
        boolean completed = "CallCompleted".equals(event.eventType()) || "CALL_COMPLETED".equals(call.type());
        if (!completed || !"OPT_OUT".equals(call.outcome())) {
            return;
        }
        String phoneHash = call.phoneHash();
        String masked = call.masked();
        if (phoneHash == null && call.phone() != null) {
            try {
                IndexedNumber number = numbers.of(call.phone());
                phoneHash = number.phoneHash();
                masked = number.masked();
            } catch (InvalidPhoneNumberException e) {
                throw new InvalidEventException("Call " + call.callId() + " of event " + event.eventId()
                        + " has an invalid number: " + e.getMessage());
            }
        }
        if (phoneHash == null || masked == null) {
            throw new InvalidEventException("CallCompleted " + event.eventId() + " has no phoneHash or masked number");
        }
        Actor actor = event.actor() != null ? event.actor() : new Actor(call.operatorId(), "operator", null);
        optOuts.record(new OptOutService.OptOut(phoneHash, masked, CustomerChannel.CALL_OUTCOME,
                "call " + call.callId(), "requested during the call", call.callId()), actor);
    }
}
