package io.dialright.contact.lookup;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where an inbound call should go (C-4): a queue, what to do, and the rule that decided it in words. {@code queue} is
 * always in the JSON, as the contract names it ({@code routing:{queue, reason}}): {@code null} for a rejected call.
 *
 * @param personalManager the subject of the VIP's personal manager, when the call goes to them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Routing(@JsonInclude(JsonInclude.Include.ALWAYS) String queue, Action action, String rule,
                      String reason, String personalManager) {

    public enum Action {
        /** Put the call in {@code queue}. */
        ROUTE,
        /** Reject the call or play a message: a blacklisted caller. */
        REJECT,
        /** Route it, and offer the operator to create a contact after the call: the number is unknown. */
        OFFER_CREATE_CONTACT
    }
}
