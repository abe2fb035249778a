package io.dialright.dialer.service;

import java.time.format.DateTimeFormatter;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.dialer.campaign.Campaign;
import io.dialright.dialer.campaign.CampaignRepository;
import io.dialright.dialer.campaign.FollowUpSms;
import io.dialright.dialer.clients.ConsentClient;
import io.dialright.dialer.clients.ServiceUnavailableException;
import io.dialright.dialer.domain.CallEvent;
import io.dialright.dialer.domain.CallEventType;
import io.dialright.platform.events.Topics;
import io.dialright.platform.outbox.Outbox;
import io.dialright.platform.security.CurrentActor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;

/**
 * Triggered messages after a call (D-6): when the campaign has a follow-up text for the call's outcome, an
 * {@code SmsRequested} goes to the SMS connector — only if consent-service allows SMS for the campaign's purpose
 * at that moment. No answer from consent-service means no SMS (fail closed); either way the choice is audited.
 * Runs after the call event is committed: a crash in between loses a reminder, never a call event.
 */
@ApplicationScoped
public class FollowUps {

    private static final Logger LOG = Logger.getLogger(FollowUps.class);

    /** Payload of {@code SmsRequested} on {@code dialright.notifications.sms.v1}: the connector needs the number. */
    public record SmsRequested(String to, String text, String purpose, String campaignId, String contactId,
                               String reason) {
    }

    private final CampaignRepository campaigns;
    private final ConsentClient consent;
    private final Outbox outbox;
    private final DialerAudit audit;
    private final CurrentActor actor;

    public FollowUps(CampaignRepository campaigns, ConsentClient consent, Outbox outbox, DialerAudit audit,
                     CurrentActor actor) {
        this.campaigns = campaigns;
        this.consent = consent;
        this.outbox = outbox;
        this.audit = audit;
        this.actor = actor;
    }

    public void afterCall(CallEvent event, String e164, String bearer) {
        if (event.type != CallEventType.CALL_COMPLETED || event.campaignId == null) {
            return;
        }
        Campaign campaign = QuarkusTransaction.requiringNew().call(() -> campaigns.findById(event.campaignId));
        FollowUpSms sms = campaign == null ? null : campaign.followUpSms;
        if (sms == null || !sms.outcomes().contains(event.outcome)) {
            return;
        }
        String outcome;
        try {
            ConsentClient.Decision decision = consent.decide(e164, campaign.purpose.name(), "SMS", bearer);
            outcome = decision.allowed() ? "SENT" : "BLOCKED:" + decision.codes();
        } catch (ServiceUnavailableException e) {
            LOG.warnf("No follow-up SMS to %s: consent-service did not answer (%s)", event.masked, e.getMessage());
            outcome = "CONSENT_UNAVAILABLE";
        }
        String result = outcome;
        QuarkusTransaction.requiringNew().run(() -> {
            if ("SENT".equals(result)) {
                outbox.publish(Topics.SMS, "SmsRequested", event.phoneHash, actor.asActor(), new SmsRequested(e164,
                        text(sms, event), campaign.purpose.name(), campaign.id.toString(),
                        event.contactId == null ? null : event.contactId.toString(), "FOLLOW_UP_" + event.outcome));
            }
            audit.record("FOLLOW_UP_SMS", event.contactId == null ? null : event.contactId.toString(),
                    event.phoneHash, Map.of("campaignId", campaign.id.toString(), "outcome", event.outcome.name(),
                            "result", result));
        });
    }

    private static String text(FollowUpSms sms, CallEvent event) {
        String callbackAt = event.callbackAt == null ? "" : DateTimeFormatter.ISO_INSTANT.format(event.callbackAt);
        return sms.text().replace("{callbackAt}", callbackAt);
    }
}
