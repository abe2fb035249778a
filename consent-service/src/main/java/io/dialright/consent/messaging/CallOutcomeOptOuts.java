package io.dialright.consent.messaging;

import java.sql.Connection;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.consent.domain.OptOutChannel;
import io.dialright.consent.service.OptOutService;
import io.dialright.platform.consumer.EventSubscription;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.InvalidEventException;
import io.dialright.platform.events.Topics;

/**
 * A call that ended with the customer asking not to be called again ({@code CallCompleted} with outcome
 * {@code OPT_OUT} from the dialer) puts the number on the stop list, as if the operator had posted the opt-out.
 */
@ApplicationScoped
public class CallOutcomeOptOuts implements EventSubscription {

    /** The fields of the dialer's {@code CallCompleted} payload this consumer needs. */
    public record CallCompleted(String callId, String phoneHash, String masked, String outcome, String operatorId) {
    }

    private final OptOutService optOuts;

    public CallOutcomeOptOuts(OptOutService optOuts) {
        this.optOuts = optOuts;
    }

    @Override
    public String name() {
        return "call-outcome-opt-outs";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.DIALER);
    }

    @Override
    public void handle(EventEnvelope event, Connection connection) {
        if (!"CallCompleted".equals(event.eventType())) {
            return;
        }
        CallCompleted call = event.payloadAs(CallCompleted.class);
        if (!"OPT_OUT".equals(call.outcome())) {
            return;
        }
        if (call.phoneHash() == null || call.masked() == null) {
            throw new InvalidEventException("CallCompleted " + event.eventId() + " has no phoneHash or masked number");
        }
        Actor actor = event.actor() != null ? event.actor() : new Actor(call.operatorId(), "operator", null);
        optOuts.record(new OptOutService.OptOut(call.phoneHash(), call.masked(), OptOutChannel.CALL_OUTCOME,
                "call " + call.callId(), "requested during the call", call.callId()), actor);
    }
}
