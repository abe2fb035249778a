package io.dialright.dialer.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.dialer.campaign.Campaign;
import io.dialright.dialer.config.DialerConfig;
import io.dialright.dialer.domain.CallDirection;
import io.dialright.dialer.domain.CallEvent;
import io.dialright.dialer.domain.CallEventType;
import io.dialright.dialer.domain.CallOutcome;
import io.dialright.dialer.handout.AttemptHistory;
import io.dialright.dialer.handout.Member;
import io.dialright.dialer.handout.MemberQueue;
import io.dialright.dialer.rules.AttemptPolicy;
import io.dialright.dialer.rules.CallingHours;
import io.dialright.dialer.rules.Eligibility;
import io.dialright.dialer.rules.HoursVerdict;
import io.dialright.dialer.rules.Ruleset;
import io.dialright.dialer.rules.RulesetService;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.Topics;
import io.dialright.platform.outbox.Outbox;

/**
 * What a call event changes in the queue (D-4), in the transaction that stores the event: a started or answered
 * call keeps its lease; a completed outbound call counts as an attempt on the number; the outcome decides the
 * member's next state — done, a callback inside the allowed hours, or back in the queue once the attempt limits
 * allow. An opt-out parks every membership of the number at once, before consent-service's event comes back.
 */
@ApplicationScoped
public class CallOutcomes {

    /** Outcomes after which the campaign does not call the contact again. */
    static final Set<CallOutcome> FINAL = EnumSet.of(CallOutcome.SALE, CallOutcome.RESOLVED, CallOutcome.REFUSED,
            CallOutcome.OPT_OUT, CallOutcome.WRONG_NUMBER, CallOutcome.COMPLAINT);

    /** Outcomes where nobody was talked to. */
    static final Set<CallOutcome> NOT_REACHED = EnumSet.of(CallOutcome.NO_ANSWER, CallOutcome.BUSY,
            CallOutcome.WRONG_NUMBER);

    /** Payload of {@code CallbackScheduled} on {@code dialright.dialer.v1}. */
    public record CallbackScheduled(java.util.UUID campaignId, java.util.UUID contactId, String operatorId,
                                    Instant requestedFor, Instant dueAt, String phoneHash, String masked) {
    }

    private final MemberQueue queue;
    private final AttemptHistory history;
    private final RulesetService rulesets;
    private final CallingHours callingHours;
    private final AttemptPolicy policy;
    private final DataSource dataSource;
    private final Outbox outbox;
    private final DialerConfig config;
    private final Clock clock;

    public CallOutcomes(MemberQueue queue, AttemptHistory history, RulesetService rulesets,
                        CallingHours callingHours, AttemptPolicy policy, DataSource dataSource, Outbox outbox,
                        DialerConfig config, Clock clock) {
        this.queue = queue;
        this.history = history;
        this.rulesets = rulesets;
        this.callingHours = callingHours;
        this.policy = policy;
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    public void apply(CallEvent event, Campaign campaign, Actor actor) throws SQLException {
        Instant now = clock.instant();
        if (event.type != CallEventType.CALL_COMPLETED) {
            if (campaign != null && event.contactId != null) {
                queue.extendLease(campaign.id, event.contactId, now.plus(event.type == CallEventType.CALL_ANSWERED
                        ? config.handOut().answeredLease() : config.handOut().lease()));
            }
            return;
        }
        Optional<Member> member = campaign == null || event.contactId == null ? Optional.empty()
                : queue.lock(campaign.id, event.contactId);
        if (event.direction == CallDirection.OUTBOUND) {
            recordAttempt(event, member.orElse(null));
        }
        if (event.outcome == CallOutcome.OPT_OUT) {
            optOutLocally(event, now);
        }
        // A late event about a membership already finished (a sale, an opt-out) must not bring it back.
        if (member.isPresent() && !"DONE".equals(member.get().state())) {
            afterCall(event, campaign, member.get(), actor, now);
        }
    }

    private void afterCall(CallEvent event, Campaign campaign, Member member, Actor actor, Instant now)
            throws SQLException {
        boolean attempt = event.direction == CallDirection.OUTBOUND;
        Ruleset rules = rulesets.inForce(campaign.rulesetId, now);
        if (event.outcome == CallOutcome.CALLBACK) {
            Instant requested = event.callbackAt.isBefore(now) ? now : event.callbackAt;
            HoursVerdict hours = callingHours.evaluate(rules, member.zones(), null, requested);
            Instant due = hours.open() || hours.nextOpening() == null ? requested : hours.nextOpening();
            queue.afterCall(member, new MemberQueue.AfterCall("CALLBACK", due, null, null, attempt,
                    event.occurredAt, event.operatorId, event.outcome.name()));
            outbox.publish(Topics.DIALER, "CallbackScheduled", member.contactId().toString(), actor,
                    new CallbackScheduled(campaign.id, member.contactId(), event.operatorId, event.callbackAt, due,
                            member.phoneHash(), member.masked()));
            return;
        }
        if (FINAL.contains(event.outcome)) {
            queue.afterCall(member, new MemberQueue.AfterCall("DONE", null, null, null, attempt, event.occurredAt,
                    event.operatorId, event.outcome.name()));
            return;
        }
        Eligibility next = policy.nextEligible(rules, history.of(member.phoneHash(), now), now);
        boolean waits = next.notBefore() != null && next.notBefore().isAfter(now);
        queue.afterCall(member, new MemberQueue.AfterCall(waits ? "WAITING" : "READY", null,
                waits ? next.notBefore() : null, waits ? next.code() : null, attempt, event.occurredAt,
                event.operatorId, event.outcome.name()));
    }

    private void recordAttempt(CallEvent event, Member member) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO call_attempt (call_id, phone_hash, campaign_id, contact_id, operator_id, outcome,
                                               conversation, refusal_reason, script_variant, source_channel,
                                               occurred_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (call_id) DO NOTHING""")) {
            insert.setString(1, event.callId);
            insert.setString(2, event.phoneHash);
            insert.setObject(3, event.campaignId);
            insert.setObject(4, event.contactId);
            insert.setString(5, event.operatorId);
            insert.setString(6, event.outcome.name());
            insert.setBoolean(7, !NOT_REACHED.contains(event.outcome));
            insert.setString(8, event.refusalReason);
            insert.setString(9, member == null ? null : member.scriptVariant());
            insert.setString(10, member == null ? null : member.sourceChannel());
            insert.setTimestamp(11, Timestamp.from(event.occurredAt));
            insert.executeUpdate();
        }
    }

    private void optOutLocally(CallEvent event, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO stop_list_projection (phone_hash, opted_out_at, source_event_id) VALUES (?, ?, ?)
                     ON CONFLICT (phone_hash) DO NOTHING""")) {
            insert.setString(1, event.phoneHash);
            insert.setTimestamp(2, Timestamp.from(event.occurredAt));
            insert.setObject(3, event.eventId);
            insert.executeUpdate();
        }
        queue.parkStopListed(event.phoneHash, now.plus(config.consent().recheckAfter()));
    }
}
