package io.dialright.consent.service;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.dialright.consent.config.ConsentConfig;
import io.dialright.consent.repository.ConsentRepository;
import io.dialright.consent.repository.ContactTeams;
import io.dialright.consent.repository.OperatorAssignments;
import io.dialright.platform.audit.AccessRecorder;
import io.dialright.platform.problem.ProblemException;
import io.dialright.platform.security.CurrentActor;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Object-level access to consent records (PRODUCT.md roles, OWASP API1), by contact-service's rule: an operator
 * reaches the consents of the contacts assigned to them now (until {@code assignment-ttl} after their last contact
 * with the customer), a supervisor those of their team (the contact's team, or one an operator of the team works
 * with), machine clients and privacy officers every one. A caller with several roles gets the widest reach any of
 * them grants. A contact this service has not heard of yet is out of reach (fail closed). Out of reach is answered
 * 404, exactly as for a record that does not exist, and the refusal is audited {@code DENIED}.
 */
@ApplicationScoped
public class ConsentAccess {

    private final ConsentRepository consents;
    private final ContactTeams teams;
    private final OperatorAssignments assignments;
    private final AccessRecorder recorder;
    private final CurrentActor actor;
    private final ConsentConfig config;
    private final Clock clock;

    public ConsentAccess(ConsentRepository consents, ContactTeams teams, OperatorAssignments assignments,
                         AccessRecorder recorder, CurrentActor actor, ConsentConfig config, Clock clock) {
        this.consents = consents;
        this.teams = teams;
        this.assignments = assignments;
        this.recorder = recorder;
        this.actor = actor;
        this.config = config;
        this.clock = clock;
    }

    /** The consent exists and the caller may act on it; 404 otherwise. */
    @Transactional
    public void requireConsent(UUID consentId, String attempted) {
        UUID contactId = consents.contactIdOf(consentId);
        if (contactId == null) {
            throw consentNotFound(consentId);
        }
        if (!reaches(contactId)) {
            denied(attempted, contactId, consentId);
            throw consentNotFound(consentId);
        }
    }

    /** The caller may read or record the contact's consents; 404 otherwise, whether the contact exists or not. */
    @Transactional
    public void requireContact(UUID contactId, String attempted) {
        if (!reaches(contactId)) {
            denied(attempted, contactId, null);
            throw ProblemException.notFound("There is no contact " + contactId + " among yours; you reach the "
                    + "contacts assigned to you or your team.");
        }
    }

    /** What a listing may show the caller; {@code null} when they see every contact's consents. */
    public ConsentRepository.Reach reach() {
        if (seesAll()) {
            return null;
        }
        return new ConsentRepository.Reach(actor.hasRole(CurrentActor.OPERATOR) ? actor.subject() : null,
                supervisedTeam(), assignedSince());
    }

    /** The same 404 as for a consent that does not exist, so a refusal does not reveal that it does. */
    public static ProblemException consentNotFound(UUID consentId) {
        return ProblemException.notFound("There is no consent " + consentId + ".");
    }

    private boolean reaches(UUID contactId) {
        if (seesAll()) {
            return true;
        }
        Instant since = assignedSince();
        String team = supervisedTeam();
        if (team != null && (teams.of(contactId, team) || assignments.teamHasAccess(contactId, team, since))) {
            return true;
        }
        return actor.hasRole(CurrentActor.OPERATOR)
                && assignments.operatorHasAccess(contactId, actor.subject(), since);
    }

    /** Machine clients act across the base; the privacy officer handles the customers' requests. */
    private boolean seesAll() {
        return actor.hasRole(CurrentActor.INTEGRATION) || actor.hasRole(CurrentActor.PRIVACY_OFFICER);
    }

    private String supervisedTeam() {
        return actor.hasRole(CurrentActor.SUPERVISOR) ? actor.team() : null;
    }

    private Instant assignedSince() {
        return clock.instant().minus(config.assignmentTtl());
    }

    /** Recorded in a transaction of its own: the refused request rolls back, the record of the refusal must not. */
    private void denied(String attempted, UUID contactId, UUID consentId) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("attempted", attempted);
        if (consentId != null) {
            details.put("consentId", consentId.toString());
        }
        QuarkusTransaction.requiringNew().run(() ->
                recorder.record(actor.asActor(), AuditActions.DENIED, contactId.toString(), null, details));
    }
}
