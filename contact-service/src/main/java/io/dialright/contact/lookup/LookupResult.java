package io.dialright.contact.lookup;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dialright.contact.rest.ContactView;

/**
 * The answer to "who is calling?" (C-4): the card if the number is known ({@code alsoHeldBy} names other contacts
 * sharing it), the latest calls, the signals of the history, the consent summary of the number, and the routing
 * directive.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LookupResult(boolean found, ContactView contact, List<UUID> alsoHeldBy,
                           List<Interaction> recentInteractions, List<Signal> signals, ConsentSummary consents,
                           Routing routing) {

    /** A fact of the history worth the operator's attention. */
    public record Signal(String code, String detail) {
    }

    /**
     * What consent-service announced about the number: whether it was erased on request (nothing else is then
     * known of it, no contact may hold it again, and it stays on the stop list for good), whether it is on the stop list (and since when, through
     * which channel), and the latest consent of each purpose and channel — {@code ACTIVE}, {@code EXPIRED} (active,
     * but its {@code validUntil} has passed) or {@code REVOKED}. Facts for the operator, not the decision to call:
     * that is consent-service's, which also weighs the national registry and each purpose's rules.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsentSummary(boolean erased, boolean stopListed, CallerConsents.StopListing stopListing,
                                 List<CallerConsents.Consent> byPurpose) {
    }
}
