package io.dialright.dialer.handout;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.dialer.campaign.Campaign;
import io.dialright.dialer.campaign.CampaignService;
import io.dialright.dialer.campaign.CampaignStatus;
import io.dialright.dialer.clients.ConsentClient;
import io.dialright.dialer.clients.ServiceUnavailableException;
import io.dialright.dialer.config.DialerConfig;
import io.dialright.dialer.members.MemberNumbers;
import io.dialright.dialer.rules.AttemptPolicy;
import io.dialright.dialer.rules.CallingHours;
import io.dialright.dialer.rules.Eligibility;
import io.dialright.dialer.rules.HoursVerdict;
import io.dialright.dialer.rules.PastAttempt;
import io.dialright.dialer.rules.Ruleset;
import io.dialright.dialer.rules.RulesetService;
import io.dialright.dialer.service.DialerAudit;
import io.dialright.platform.events.Topics;
import io.dialright.platform.outbox.Outbox;
import io.dialright.platform.problem.ProblemException;
import io.dialright.platform.security.CurrentActor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * The next call (D-3). In one transaction a candidate is locked in the queue (callbacks first, then VIPs, then the
 * least recently attempted, only where the zone's hours are open) and checked: its own hours with the customer's
 * preferred time, the attempt limits over the number's whole history, the other-operator lock, no other hand-out
 * of the same number in progress, and — last and synchronously — consent-service's decision for the campaign's
 * purpose; only then is it leased. A candidate failing a check is put aside with its reason and the next one is
 * tried. If consent-service cannot answer, nothing is handed out (fail closed). Every hand-out publishes
 * {@code CallScheduled}; hand-outs and skips are audited.
 */
@ApplicationScoped
public class NextCallService {

    private static final Logger LOG = Logger.getLogger(NextCallService.class);

    /** Either a contact to call or the summary of why there is none. */
    public record Result(HandOut handOut, NothingCallable nothing) {
    }

    private record Skip(String code, Instant until, String explanation) {
    }

    private final CampaignService campaigns;
    private final RulesetService rulesets;
    private final ZoneSets zoneSets;
    private final CallingHours hours;
    private final AttemptPolicy policy;
    private final MemberQueue queue;
    private final AttemptHistory history;
    private final ConsentClient consent;
    private final MemberNumbers numbers;
    private final QueueSummary summary;
    private final Outbox outbox;
    private final DialerAudit audit;
    private final CurrentActor actor;
    private final JsonWebToken token;
    private final DialerConfig config;
    private final Clock clock;
    private final Timer handOutTimer;
    private final Timer consentTimer;

    public NextCallService(CampaignService campaigns, RulesetService rulesets, ZoneSets zoneSets, CallingHours hours,
                           AttemptPolicy policy, MemberQueue queue,
                           AttemptHistory history, ConsentClient consent, MemberNumbers numbers,
                           QueueSummary summary, Outbox outbox, DialerAudit audit, CurrentActor actor,
                           JsonWebToken token, DialerConfig config, Clock clock, MeterRegistry meters) {
        this.campaigns = campaigns;
        this.rulesets = rulesets;
        this.zoneSets = zoneSets;
        this.hours = hours;
        this.policy = policy;
        this.queue = queue;
        this.history = history;
        this.consent = consent;
        this.numbers = numbers;
        this.summary = summary;
        this.outbox = outbox;
        this.audit = audit;
        this.actor = actor;
        this.token = token;
        this.config = config;
        this.clock = clock;
        this.handOutTimer = Timer.builder("dialer.next_call").description("GET /next, claim to answer")
                .register(meters);
        this.consentTimer = Timer.builder("dialer.next_call.consent")
                .description("The synchronous consent decision inside GET /next").register(meters);
    }

    public Result next(UUID campaignId, String requestedOperator) {
        long started = System.nanoTime();
        try {
            return nextFor(campaignId, requestedOperator);
        } finally {
            handOutTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private Result nextFor(UUID campaignId, String requestedOperator) {
        String operatorId = operatorOf(requestedOperator);
        // One transaction: a candidate stays locked (others skip it) from its claim through the consent check to
        // its lease, so a hand-out and what it was checked against are one atomic step.
        return QuarkusTransaction.requiringNew().call(() -> {
            Campaign campaign = campaigns.callable(campaignId);
            if (campaign.status != CampaignStatus.RUNNING) {
                return nothing("The campaign is " + campaign.status + ": a supervisor starts it.");
            }
            Instant now = clock.instant();
            Ruleset rules = rulesets.inForce(campaign.rulesetId, now);
            List<String> open = zoneSets.openKeys(campaign.id, rules, now);
            Set<UUID> examined = new HashSet<>();
            Map<String, Integer> skipped = new TreeMap<>();
            long deadline = System.nanoTime() + config.handOut().timeBudget().toNanos();
            for (int i = 0; i < config.handOut().maxCandidates() && !open.isEmpty()
                    && System.nanoTime() < deadline; i++) {
                Optional<Member> candidate = queue.lockNext(new MemberQueue.Claim(campaign.id, open, operatorId,
                        campaign.sensitive, now.minus(Duration.ofHours(rules.otherOperatorLockHours())), examined,
                        now));
                if (candidate.isEmpty()) {
                    break;
                }
                examined.add(candidate.get().contactId());
                Optional<HandOut> handOut = examine(campaign, rules, candidate.get(), operatorId, now, skipped);
                if (handOut.isPresent()) {
                    return new Result(handOut.get(), null);
                }
            }
            return nothing(summary.describe(campaign.id, open, skipped));
        });
    }

    private Optional<HandOut> examine(Campaign campaign, Ruleset rules, Member member, String operatorId,
                                      Instant now, Map<String, Integer> skipped) throws SQLException {
        List<String> why = new ArrayList<>();
        HoursVerdict verdict = hours.evaluate(rules, member.zones(), member.preferred(), now);
        if (!verdict.open()) {
            Instant opens = verdict.nextOpening() != null ? verdict.nextOpening() : now.plus(Duration.ofDays(1));
            return skip(member, new Skip("OUTSIDE_HOURS", opens, verdict.explanation()), skipped);
        }
        why.add(verdict.explanation());
        List<PastAttempt> attempts = history.of(member.phoneHash(), now);
        Eligibility eligibility = policy.nextEligible(rules, attempts, now);
        if (eligibility.notBefore() != null && eligibility.notBefore().isAfter(now)) {
            return skip(member, new Skip(eligibility.code(), eligibility.notBefore(), eligibility.explanation()),
                    skipped);
        }
        if (campaign.sensitive && policy.otherOperatorLocked(rules, attempts, operatorId, now)) {
            // Locked for this operator only: it stays in the queue for the one who called.
            return skip(member, new Skip("OTHER_OPERATOR_LOCK", null, "Another operator called this customer "
                    + "within " + rules.otherOperatorLockHours() + " h (sensitive campaign)."), skipped);
        }
        if (!queue.numberFree(member, now)) {
            return skip(member, new Skip("NUMBER_IN_CALL", null, "The same number is being called or handed out "
                    + "in another campaign or for a duplicate contact right now."), skipped);
        }
        String e164 = numbers.open(member.campaignId(), member.contactId(), member.keyId(), member.ciphertext());
        ConsentClient.Decision decision = decide(campaign, member, e164);
        if (!decision.allowed()) {
            return skip(member, new Skip("CONSENT:" + decision.codes(), now.plus(config.consent().recheckAfter()),
                    "consent-service blocks " + campaign.purpose + " calls: " + decision.codes()), skipped);
        }
        why.add(eligibility.explanation());
        why.add("consent-service allows " + campaign.purpose + " by " + basis(decision));
        if (member.isCallback()) {
            why.add(0, "callback agreed for " + member.callbackDueAt());
        }
        return Optional.of(handOut(campaign, member, operatorId, e164, String.join("; ", why), now));
    }

    /** consent-service's decision now; no answer means nothing is handed out (the transaction rolls back). */
    private ConsentClient.Decision decide(Campaign campaign, Member member, String e164) {
        long asked = System.nanoTime();
        try {
            return consent.decide(e164, campaign.purpose.name(), "VOICE", token.getRawToken());
        } catch (ServiceUnavailableException e) {
            LOG.warnf("No consent decision for %s, nothing handed out: %s", member.masked(), e.getMessage());
            QuarkusTransaction.requiringNew().run(() -> audit.record("HAND_OUT_REFUSED",
                    member.contactId().toString(), member.phoneHash(), Map.of("campaignId", campaign.id.toString(),
                            "reason", "CONSENT_UNAVAILABLE")));
            throw ProblemException.unavailable("consent-service did not answer, so nothing was handed out (the "
                    + "dialer fails closed: no call without a confirmed basis). Try again in a few seconds.", 5);
        } finally {
            consentTimer.record(System.nanoTime() - asked, TimeUnit.NANOSECONDS);
        }
    }

    private HandOut handOut(Campaign campaign, Member member, String operatorId, String e164, String explanation,
                            Instant now) throws SQLException {
        Member leased = queue.lease(member, operatorId, now.plus(config.handOut().lease()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("campaignId", campaign.id.toString());
        details.put("operatorId", operatorId);
        details.put("leaseId", leased.leaseId().toString());
        details.put("scriptVariant", leased.scriptVariant());
        audit.record("HAND_OUT", leased.contactId().toString(), leased.phoneHash(), details);
        String team = actor.hasRole(CurrentActor.OPERATOR) ? actor.team() : null;
        outbox.publish(Topics.DIALER, "CallScheduled", leased.contactId().toString(), actor.asActor(),
                new CallScheduled(leased.contactId(), campaign.id, operatorId, team, now, leased.leaseId(),
                        leased.leaseExpiresAt(), leased.phoneHash(), leased.masked()));
        return new HandOut(leased.contactId(), campaign.id, e164, leased.masked(), leased.scriptVariant(),
                leased.attempts() + 1, leased.isCallback(), leased.leaseId(), leased.leaseExpiresAt(), explanation);
    }

    /**
     * Puts the candidate aside with its reason, audited; the next one is tried. With no {@code until} it stays as it
     * is (locked out for this operator or for this moment only).
     */
    private Optional<HandOut> skip(Member member, Skip skip, Map<String, Integer> skipped) throws SQLException {
        skipped.merge(skip.code(), 1, Integer::sum);
        if (skip.until() != null && member.isCallback() && "OUTSIDE_HOURS".equals(skip.code())) {
            queue.deferCallback(member, skip.until());
        } else if (skip.until() != null) {
            queue.postpone(member, skip.until(), skip.code());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("campaignId", member.campaignId().toString());
        details.put("reason", skip.code());
        details.put("explanation", skip.explanation());
        if (skip.until() != null) {
            details.put("until", skip.until().toString());
        }
        audit.record("HAND_OUT_SKIPPED", member.contactId().toString(), member.phoneHash(), details);
        return Optional.empty();
    }

    /** Operators ask for themselves; a machine client (a predictive dialer) names the operator. */
    private String operatorOf(String requested) {
        if (actor.hasRole(CurrentActor.OPERATOR)) {
            if (requested != null && !requested.equals(actor.subject())) {
                throw new ProblemException(403, "Forbidden", "Operators ask for their own next call: leave "
                        + "operatorId out or give your own id.");
            }
            return actor.subject();
        }
        if (requested == null || requested.isBlank() || requested.length() > 100) {
            throw ProblemException.invalidField("operatorId", "name the operator who will take the call");
        }
        return requested;
    }

    private static String basis(ConsentClient.Decision decision) {
        ConsentClient.AllowedBy by = decision.allowedBy();
        if (by == null) {
            return "its rules";
        }
        return by.consentId() != null ? "consent " + by.consentId() : "legal basis " + by.legalBasis();
    }

    private static Result nothing(String reason) {
        return new Result(null, new NothingCallable(reason));
    }
}
