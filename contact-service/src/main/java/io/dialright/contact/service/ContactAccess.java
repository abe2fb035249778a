package io.dialright.contact.service;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.contact.config.ContactConfig;
import io.dialright.contact.domain.Contact;
import io.dialright.contact.repository.AssignmentRepository;
import io.dialright.platform.security.CurrentActor;

/**
 * Object-level access to contacts (C-8, OWASP API1): operators see the contacts assigned to them while the
 * assignment lasts, supervisors their team's, machine clients what they integrate, analysts and privacy officers
 * everything but only masked. A caller with several roles gets the widest view any of them grants.
 */
@ApplicationScoped
public class ContactAccess {

    private final AssignmentRepository assignments;
    private final ContactConfig config;
    private final Clock clock;

    public ContactAccess(AssignmentRepository assignments, ContactConfig config, Clock clock) {
        this.assignments = assignments;
        this.config = config;
        this.clock = clock;
    }

    public Visibility of(Contact contact, CurrentActor actor) {
        if (actor.hasRole(CurrentActor.INTEGRATION)) {
            return Visibility.FULL;
        }
        Instant since = assignmentsSince();
        if (actor.hasRole(CurrentActor.SUPERVISOR) && actor.team() != null
                && (actor.team().equals(contact.team) || assignments.teamHasAccess(contact.id, actor.team(), since))) {
            return Visibility.FULL;
        }
        if (actor.hasRole(CurrentActor.OPERATOR) && assignments.operatorHasAccess(contact.id, actor.subject(), since)) {
            return Visibility.FULL;
        }
        if (actor.hasRole(CurrentActor.ANALYST) || actor.hasRole(CurrentActor.PRIVACY_OFFICER)) {
            return Visibility.MASKED;
        }
        return Visibility.NONE;
    }

    /** Assignments whose last contact is after this instant are in force. */
    public Instant assignmentsSince() {
        return clock.instant().minus(config.assignmentTtl());
    }
}
