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
import java.util.UUID;

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
import io.dialright.dialer.handout.StopList;
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

    /** The outcome of an attempt whose call has started but not been reported complete. */
    static final String IN_PROGRESS = "IN_PROGRESS";

    /** Outcomes where nobody was talked to. */
    static final Set<CallOutcome> NOT_REACHED = EnumSet.of(CallOutcome.NO_ANSWER, CallOutcome.BUSY,
            CallOutcome.WRONG_NUMBER);

    /** Payload of {@code CallbackScheduled} on {@code dialright.dialer.v1}. */
    public record CallbackScheduled(UUID campaignId, UUID contactId, String operatorId,
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
        Optional<Member> member = campaign == null || event.contactId == null ? Optional.empty()
                : queue.lock(campaign.id, event.contactId);
        if (event.direction == CallDirection.OUTBOUND) {
            recordAttempt(event, member.orElse(null));
        }
        if (event.type != CallEventType.CALL_COMPLETED) {
            if (member.isPresent()) {
                queue.extendLease(campaign.id, event.contactId, event.operatorId, now.plus(
                        event.type == CallEventType.CALL_ANSWERED ? config.handOut().answeredLease()
                                : config.handOut().lease()));
            }
            return;
        }
        if (event.outcome == CallOutcome.OPT_OUT) {
            optOutLocally(event, now);
        }
        if (member.isPresent() && decidesState(member.get(), event)) {
            afterCall(event, campaign, member.get(), actor, now);
        }
    }

    /**
     * Whether a completed call decides the membership's next state (its attempt counts on the number either way):
     * the call on the operator's own lease; a call without a hand-out on a member in the queue; a final outcome on
     * a waiting member. Never a late event on a colleague's live lease, nor on a finished membership, and a
     * waiting member's block (consent, stop list, limits) is not lifted by an unanswered call.
     */
    private static boolean decidesState(Member member, CallEvent event) {
        return switch (member.state()) {
            case "LEASED" -> member.isLeasedTo(event.operatorId);
            case "READY", "CALLBACK" -> true;
            case "WAITING" -> FINAL.contains(event.outcome);
            default -> false;
        };
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

    /**
     * The attempt on the number: from the call's start ({@code IN_PROGRESS}), settled by its completion, so the
     * limits count a call whose end is never reported.
     */
    private void recordAttempt(CallEvent event, Member member) throws SQLException {
        boolean completed = event.type == CallEventType.CALL_COMPLETED;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement("""
                     INSERT INTO call_attempt (reported_by, call_id, phone_hash, campaign_id, contact_id, operator_id,
                                               outcome, conversation, refusal_reason, script_variant,
                                               source_channel, occurred_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                     ON CONFLICT (reported_by, call_id) DO UPDATE
                     SET outcome = CASE WHEN ? THEN excluded.outcome ELSE call_attempt.outcome END,
                         conversation = CASE WHEN ? THEN excluded.conversation
                                             ELSE call_attempt.conversation OR excluded.conversation END,
                         refusal_reason = coalesce(excluded.refusal_reason, call_attempt.refusal_reason)""")) {
            upsert.setString(1, event.receivedFrom);
            upsert.setString(2, event.callId);
            upsert.setString(3, event.phoneHash);
            upsert.setObject(4, event.campaignId);
            upsert.setObject(5, event.contactId);
            upsert.setString(6, event.operatorId);
            upsert.setString(7, completed ? event.outcome.name() : IN_PROGRESS);
            upsert.setBoolean(8, completed ? !NOT_REACHED.contains(event.outcome)
                    : event.type == CallEventType.CALL_ANSWERED);
            upsert.setString(9, event.refusalReason);
            upsert.setString(10, member == null ? null : member.scriptVariant());
            upsert.setString(11, member == null ? null : member.sourceChannel());
            upsert.setTimestamp(12, Timestamp.from(event.occurredAt));
            upsert.setBoolean(13, completed);
            upsert.setBoolean(14, completed);
            upsert.executeUpdate();
        }
    }

    private void optOutLocally(CallEvent event, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            StopList.optedOut(connection, event.phoneHash, event.occurredAt, event.eventId,
                    now.plus(config.consent().recheckAfter()));
        }
    }
}
