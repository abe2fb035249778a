package io.dialright.dialer.service;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.dialright.dialer.campaign.Campaign;
import io.dialright.dialer.campaign.CampaignRepository;
import io.dialright.dialer.domain.CallEvent;
import io.dialright.dialer.domain.CallEventType;
import io.dialright.dialer.messaging.CallCompleted;
import io.dialright.dialer.repository.CallEventRepository;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.Topics;
import io.dialright.platform.outbox.Outbox;

/**
 * Accepts call events (D-4), from the webhook and the telephony topic alike: each event id once; its effect on the
 * campaign queue ({@link CallOutcomes}) in the same transaction; a completed call is announced as
 * {@code CallCompleted} (contact history, analytics, and consent-service's stop list for an {@code OPT_OUT}).
 */
@ApplicationScoped
public class CallEventService {

    private final CallEventRepository events;
    private final CampaignRepository campaigns;
    private final CallOutcomes outcomes;
    private final Outbox outbox;

    public CallEventService(CallEventRepository events, CampaignRepository campaigns, CallOutcomes outcomes,
                            Outbox outbox) {
        this.events = events;
        this.campaigns = campaigns;
        this.outcomes = outcomes;
        this.outbox = outbox;
    }

    /** {@code true} when the event was new; a replay changes nothing and publishes nothing. */
    @Transactional
    public boolean receive(CallEvent event, Actor actor) {
        if (!events.addIfNew(event)) {
            return false;
        }
        Campaign campaign = event.campaignId == null ? null : campaigns.findById(event.campaignId);
        try {
            outcomes.apply(event, campaign, actor);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not apply call event " + event.eventId, e);
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
