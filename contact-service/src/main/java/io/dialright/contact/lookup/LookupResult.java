package io.dialright.contact.lookup;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dialright.contact.rest.ContactView;

/**
 * The answer to "who is calling?" (C-4): the card if the number is known ({@code alsoHeldBy} names other contacts
 * sharing it), the latest calls, the signals of the history, and the routing directive.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LookupResult(boolean found, ContactView contact, List<UUID> alsoHeldBy,
                           List<Interaction> recentInteractions, List<Signal> signals, Routing routing) {

    /** A fact of the history worth the operator's attention. */
    public record Signal(String code, String detail) {
    }
}
