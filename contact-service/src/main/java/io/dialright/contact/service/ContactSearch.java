package io.dialright.contact.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import io.dialright.contact.crypto.PhoneVault;
import io.dialright.contact.domain.Contact;
import io.dialright.contact.domain.ContactStatus;
import io.dialright.contact.rest.ContactView;
import io.dialright.platform.problem.ProblemException;
import io.dialright.platform.security.CurrentActor;
import io.dialright.platform.web.Page;

/**
 * Lists of contacts, always narrowed to what the caller may see: an operator's current assignments, a supervisor's
 * team (and contacts their operators work with), everything masked for analysts and privacy officers. Machine
 * clients search by number only — a listing of the whole base is not an integration's business.
 */
@ApplicationScoped
public class ContactSearch {

    /** The filters of {@code GET /api/contacts}; {@code null} means "any". */
    public record Filter(String phone, String tag, ContactStatus status) {
    }

    private final EntityManager entityManager;
    private final NumberInputs inputs;
    private final PhoneVault vault;
    private final ContactViews views;
    private final ContactAccess access;
    private final AuditTrail audit;
    private final CurrentActor actor;

    public ContactSearch(EntityManager entityManager, NumberInputs inputs, PhoneVault vault, ContactViews views,
                         ContactAccess access, AuditTrail audit, CurrentActor actor) {
        this.entityManager = entityManager;
        this.inputs = inputs;
        this.vault = vault;
        this.views = views;
        this.access = access;
        this.audit = audit;
        this.actor = actor;
    }

    @Transactional
    public Page<ContactView> search(Filter filter, int page, int size) {
        StringBuilder where = new StringBuilder(" where c.erasedAt is null");
        Map<String, Object> parameters = new HashMap<>();
        String phoneHash = null;
        if (filter.phone() != null && !filter.phone().isBlank()) {
            if (!maySearchByNumber()) {
                audit.denied("LIST", null);
                throw new ProblemException(403, "Forbidden", "Analysts work with masked data: a search by number "
                        + "would put a number they typed next to its holder's name. Filter by tag or status.");
            }
            phoneHash = vault.blindIndexOf(inputs.e164Of(filter.phone(), "phone"));
            where.append(" and exists (select 1 from ContactPhone p where p.contact = c and p.phoneHash = :hash)");
            parameters.put("hash", phoneHash);
        } else if (onlyIntegration()) {
            throw ProblemException.invalidField("phone", "Machine clients search contacts by number: send phone.");
        }
        if (filter.tag() != null && !filter.tag().isBlank()) {
            where.append(" and array_contains(c.tags, :tag)");
            parameters.put("tag", filter.tag().strip().toLowerCase(Locale.ROOT));
        }
        if (filter.status() != null) {
            where.append(" and c.status = :status");
            parameters.put("status", filter.status());
        }
        Instant since = access.assignmentsSince();
        where.append(scope(parameters, since));

        TypedQuery<Long> count = entityManager.createQuery("select count(c) from Contact c" + where, Long.class);
        TypedQuery<Contact> query = entityManager.createQuery("select c from Contact c" + where
                + " order by c.createdAt desc, c.id", Contact.class);
        parameters.forEach((name, value) -> {
            count.setParameter(name, value);
            query.setParameter(name, value);
        });
        long total = count.getSingleResult();
        List<Contact> found = query.setFirstResult(page * size).setMaxResults(size).getResultList();
        List<ContactView> items = new ArrayList<>(found.size());
        // Whose numbers the page showed in full: a page of them is as much a full-number view as a single card.
        List<String> shownInFull = new ArrayList<>();
        for (Contact contact : found) {
            Visibility visibility = access.of(contact, actor, since);
            if (visibility == Visibility.NONE) {
                continue; // its assignment went between the query and now (a merge moved it): not the caller's
            }
            items.add(views.render(contact, visibility));
            if (visibility == Visibility.FULL) {
                shownInFull.add(contact.id.toString());
            }
        }
        audit.record("LIST", null, phoneHash, Map.of("returned", items.size(), "total", total,
                "shownInFull", shownInFull));
        return new Page<>(items, page, size, total);
    }

    /** The part of the query that keeps the caller inside what their roles may see. */
    private String scope(Map<String, Object> parameters, Instant since) {
        if (actor.hasRole(CurrentActor.ANALYST) || actor.hasRole(CurrentActor.PRIVACY_OFFICER)
                || actor.hasRole(CurrentActor.INTEGRATION)) {
            return "";
        }
        parameters.put("since", since);
        List<String> visible = new ArrayList<>();
        if (actor.hasRole(CurrentActor.OPERATOR)) {
            visible.add("exists (select 1 from OperatorAssignment a where a.contactId = c.id "
                    + "and a.operatorId = :me and a.lastContactAt > :since)");
            parameters.put("me", actor.subject());
        }
        if (actor.hasRole(CurrentActor.SUPERVISOR) && actor.team() != null) {
            visible.add("c.team = :team or exists (select 1 from OperatorAssignment a where a.contactId = c.id "
                    + "and a.team = :team and a.lastContactAt > :since)");
            parameters.put("team", actor.team());
        }
        if (visible.isEmpty()) {
            return " and false";
        }
        return " and (" + String.join(" or ", visible) + ")";
    }

    /**
     * Everyone who may see a number next to a name: all roles of this endpoint but the analyst's. A token that is
     * also an analyst's is searched without any team limit ({@link #scope}), so with another role beside it only
     * the two that see every contact anyway may search by number.
     */
    private boolean maySearchByNumber() {
        if (actor.hasRole(CurrentActor.INTEGRATION) || actor.hasRole(CurrentActor.PRIVACY_OFFICER)) {
            return true;
        }
        return !actor.hasRole(CurrentActor.ANALYST)
                && (actor.hasRole(CurrentActor.OPERATOR) || actor.hasRole(CurrentActor.SUPERVISOR));
    }

    private boolean onlyIntegration() {
        return actor.hasRole(CurrentActor.INTEGRATION) && !actor.hasRole(CurrentActor.ANALYST)
                && !actor.hasRole(CurrentActor.PRIVACY_OFFICER);
    }
}
