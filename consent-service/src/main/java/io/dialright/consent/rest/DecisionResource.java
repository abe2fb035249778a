package io.dialright.consent.rest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.dialright.consent.domain.Channel;
import io.dialright.consent.domain.Purpose;
import io.dialright.consent.repository.DecisionRules;
import io.dialright.consent.service.AuditActions;
import io.dialright.consent.service.DecisionAudit;
import io.dialright.consent.service.DecisionService;
import io.dialright.consent.service.IndexedNumber;
import io.dialright.consent.service.NumberIndex;
import io.dialright.platform.audit.AccessRecorder;
import io.dialright.platform.idempotency.NotReplayed;
import io.dialright.platform.security.CurrentActor;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * "May this number be called?" (K-6). Operators ask for the number in front of them, dialer-service asks in
 * batches with the operator's token carried on, integrations (predictive dialers, CRM) and supervisors too.
 * Every question is audited: one entry per single decision (written together with others, see
 * {@link DecisionAudit}), one per batch with its counts (in the batch's transaction).
 */
@Path("/api/decisions")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {

    private final DecisionService decisions;
    private final DecisionRules rules;
    private final NumberIndex numbers;
    private final AccessRecorder audit;
    private final DecisionAudit decisionAudit;
    private final CurrentActor actor;
    private final Clock clock;

    public DecisionResource(DecisionService decisions, DecisionRules rules, NumberIndex numbers,
                            AccessRecorder audit, DecisionAudit decisionAudit, CurrentActor actor, Clock clock) {
        this.decisions = decisions;
        this.rules = rules;
        this.numbers = numbers;
        this.audit = audit;
        this.decisionAudit = decisionAudit;
        this.actor = actor;
        this.clock = clock;
    }

    /** The answer for one number; audited through {@link DecisionAudit}, without a transaction of its own. */
    @GET
    @RolesAllowed({CurrentActor.OPERATOR, CurrentActor.SUPERVISOR, CurrentActor.INTEGRATION,
            CurrentActor.PRIVACY_OFFICER})
    public DecisionView decide(@QueryParam("phone") @NotBlank String phone,
                               @QueryParam("purpose") @NotNull Purpose purpose,
                               @QueryParam("channel") @DefaultValue("VOICE") Channel channel) {
        IndexedNumber number = numbers.of(phone);
        DecisionService.Decision decision = decisions.decide(List.of(number.phoneHash()), purpose, channel)
                .get(number.phoneHash());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("purpose", purpose.name());
        details.put("channel", channel.name());
        details.put("allowed", decision.allowed());
        details.put("reasons", decision.reasons().stream().map(reason -> reason.code().name()).toList());
        if (decision.allowedBy() != null) {
            details.put("consentId", decision.allowedBy().consentId().toString());
        }
        decisionAudit.record(actor.asActor(), number.phoneHash(), details);
        return new DecisionView(number.masked(), purpose, channel, decision.allowed(), decision.reasons(),
                decision.allowedBy(), clock.instant());
    }

    /** Up to 10,000 numbers; 400 names every invalid number by its index ({@code phones[3]}). */
    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({CurrentActor.OPERATOR, CurrentActor.SUPERVISOR, CurrentActor.INTEGRATION,
            CurrentActor.PRIVACY_OFFICER})
    @NotReplayed
    public BatchDecisionView decideBatch(@Valid @NotNull BatchDecisionRequest request) {
        Channel channel = request.channel() == null ? Channel.VOICE : request.channel();
        String[] hashes = numbers.hashAll(request.phones(), "phones");
        Map<String, DecisionService.Decision> decided = decisions.decide(List.of(hashes), request.purpose(),
                channel);
        Instant now = clock.instant();
        List<BatchDecisionView.Result> results = new ArrayList<>(hashes.length);
        int allowed = 0;
        for (int i = 0; i < hashes.length; i++) {
            DecisionService.Decision decision = decided.get(hashes[i]);
            results.add(new BatchDecisionView.Result(request.phones().get(i), decision.allowed(),
                    decision.reasons(), decision.allowedBy()));
            allowed += decision.allowed() ? 1 : 0;
        }
        Map<String, Object> counts = Map.of("purpose", request.purpose().name(), "channel", channel.name(),
                "numbers", hashes.length, "allowed", allowed, "blocked", hashes.length - allowed);
        QuarkusTransaction.requiringNew().run(() ->
                audit.record(actor.asActor(), AuditActions.DECISION_BATCH, null, null, counts));
        return new BatchDecisionView(request.purpose(), channel, now, allowed, hashes.length - allowed, results);
    }

    /** The rules decisions apply, as data (table {@code decision_rule}). */
    @GET
    @Path("/rules")
    @RolesAllowed({CurrentActor.OPERATOR, CurrentActor.SUPERVISOR, CurrentActor.INTEGRATION,
            CurrentActor.PRIVACY_OFFICER, CurrentActor.ANALYST, CurrentActor.ADMIN})
    public List<DecisionRuleView> rules() {
        return rules.list().stream().map(DecisionRuleView::of).toList();
    }
}
