package io.dialright.contact.lookup;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.contact.config.ContactConfig;
import io.dialright.contact.domain.Contact;
import io.dialright.contact.domain.ContactStatus;

/**
 * The routing directive of an inbound call (C-4), from rules kept in configuration and applied in this order:
 * <ol>
 *   <li>unknown number → the unknown-number queue, and offer to create a contact after the call — unless the number
 *       was erased on request: then the same queue without the offer, as no contact may hold it again;</li>
 *   <li>blacklisted ({@code BLOCKED} status or a blacklist tag) → reject;</li>
 *   <li>at least N complaints within the window → the senior quality queue (an unhappy VIP goes there too);</li>
 *   <li>VIP tag → their personal manager if a {@code manager:<subject>} tag names one, else the priority queue;</li>
 *   <li>otherwise the default queue.</li>
 * </ol>
 */
@ApplicationScoped
public class RoutingRules {

    private final ContactConfig.Routing rules;
    // Contact tags are stored lower-case; the configured ones are lower-cased once here, not per ringing phone.
    private final List<String> blacklistTags;
    private final List<String> vipTags;
    private final String personalManagerPrefix;

    public RoutingRules(ContactConfig config) {
        this.rules = config.routing();
        this.blacklistTags = lowerCase(rules.blacklistTags());
        this.vipTags = lowerCase(rules.vipTags());
        this.personalManagerPrefix = rules.personalManagerTagPrefix().toLowerCase(Locale.ROOT);
    }

    public Routing route(Contact contact, CallerSignals signals, boolean erased) {
        if (contact == null && erased) {
            return new Routing(rules.unknownQueue(), Routing.Action.ROUTE, "ERASED_NUMBER",
                    "The number was erased at its owner's request: serve the caller, but create no contact for it.",
                    null);
        }
        if (contact == null) {
            return new Routing(rules.unknownQueue(), Routing.Action.OFFER_CREATE_CONTACT, "UNKNOWN_NUMBER",
                    "No contact holds this number: offer to create one after the call.", null);
        }
        if (contact.status == ContactStatus.BLOCKED || hasAny(contact, blacklistTags)) {
            return new Routing(null, Routing.Action.REJECT, "BLACKLIST",
                    "The caller is blacklisted: reject the call or play the message.", null);
        }
        if (signals.complaintsInWindow() >= rules.complaintsThreshold()) {
            return new Routing(rules.seniorQualityQueue(), Routing.Action.ROUTE, "REPEATED_COMPLAINTS",
                    signals.complaintsInWindow() + " complaints within " + rules.complaintsWindow().toDays()
                            + " days: a senior quality specialist takes the call.", null);
        }
        if (hasAny(contact, vipTags)) {
            String manager = personalManager(contact);
            if (manager != null) {
                return new Routing("personal:" + manager, Routing.Action.ROUTE, "VIP_PERSONAL_MANAGER",
                        "A VIP customer with a personal manager: the call goes to them.", manager);
            }
            return new Routing(rules.priorityQueue(), Routing.Action.ROUTE, "VIP",
                    "A VIP customer: the priority queue.", null);
        }
        return new Routing(rules.defaultQueue(), Routing.Action.ROUTE, "DEFAULT", "No special rule applies.", null);
    }

    private String personalManager(Contact contact) {
        String prefix = personalManagerPrefix;
        return contact.tags.stream().filter(tag -> tag.startsWith(prefix) && tag.length() > prefix.length())
                .map(tag -> tag.substring(prefix.length())).findFirst().orElse(null);
    }

    private static boolean hasAny(Contact contact, List<String> lowerCaseTags) {
        for (String tag : lowerCaseTags) {
            if (contact.tags.contains(tag)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> lowerCase(List<String> tags) {
        return tags.stream().map(tag -> tag.toLowerCase(Locale.ROOT)).toList();
    }
}
