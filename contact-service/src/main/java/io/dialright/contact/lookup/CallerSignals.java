package io.dialright.contact.lookup;

import java.time.Instant;

/**
 * What a caller's history says (C-4), counted over the interactions of the contact and of the number.
 *
 * @param contactsInWindow   calls within the "frequent" window (7 days by default)
 * @param complaintsInWindow calls with outcome {@code COMPLAINT} within the complaints window (30 days by default)
 * @param openComplaint      the latest {@code COMPLAINT} has no {@code RESOLVED} call after it
 * @param lastContactAt      the latest call, or {@code null}
 */
public record CallerSignals(long contactsInWindow, long complaintsInWindow, boolean openComplaint,
                           Instant lastContactAt) {
}
