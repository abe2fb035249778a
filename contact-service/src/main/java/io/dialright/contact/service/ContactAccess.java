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
        return of(contact, actor, assignmentsSince());
    }

    /**
     * The same, with the assignments in force after {@code since}: a request that selected contacts with that
     * instant judges each of them by it too, so an assignment lapsing meanwhile cannot make the two disagree.
     */
    public Visibility of(Contact contact, CurrentActor actor, Instant since) {
        Visibility decided = withoutAssignments(contact, actor);
        if (decided != null) {
            return decided;
        }
        if (isSupervisorOfATeam(actor) && assignments.teamHasAccess(contact.id, actor.team(), since)) {
            return Visibility.FULL;
        }
        if (actor.hasRole(CurrentActor.OPERATOR) && assignments.operatorHasAccess(contact.id, actor.subject(), since)) {
            return Visibility.FULL;
        }
        return byRoleAlone(actor);
    }

    /**
     * What {@link #of} answers when the token alone decides it, without reading the assignments (so an event-loop
     * thread may ask); {@code null} when an assignment could widen the view: the actor is an operator, or a
     * supervisor of another team.
     */
    public Visibility withoutAssignments(Contact contact, CurrentActor actor) {
        if (actor.hasRole(CurrentActor.INTEGRATION)
                || isSupervisorOfATeam(actor) && actor.team().equals(contact.team)) {
            return Visibility.FULL;
        }
        if (isSupervisorOfATeam(actor) || actor.hasRole(CurrentActor.OPERATOR)) {
            return null;
        }
        return byRoleAlone(actor);
    }

    private static boolean isSupervisorOfATeam(CurrentActor actor) {
        return actor.hasRole(CurrentActor.SUPERVISOR) && actor.team() != null;
    }

    private static Visibility byRoleAlone(CurrentActor actor) {
        return actor.hasRole(CurrentActor.ANALYST) || actor.hasRole(CurrentActor.PRIVACY_OFFICER)
                ? Visibility.MASKED : Visibility.NONE;
    }

    /** Assignments whose last contact is after this instant are in force. */
    public Instant assignmentsSince() {
        return clock.instant().minus(config.assignmentTtl());
    }
}
