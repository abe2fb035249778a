package io.dialright.contact.lookup;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What consent-service announced about a number, as the caller-ID card shows it (C-4): the latest consent of each
 * purpose and channel, the stop-list entry in force, and whether the number was erased on request. Read with the
 * caller and held with it; kept up to date by the consent-summary consumer and the erasure.
 *
 * @param consents    by purpose, then channel
 * @param stopListing the number's stop-list entry in force, or null
 * @param erased      whether the number was erased on request: it is never stored again
 */
public record CallerConsents(List<Consent> consents, StopListing stopListing, boolean erased) {

    public static final CallerConsents NONE = new CallerConsents(List.of(), null, false);

    /** The latest consent of a purpose and channel: {@code ACTIVE} or {@code REVOKED}, as announced. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Consent(String purpose, String channel, String legalBasis, String status, Instant validUntil,
                          Instant since) {
    }

    /** The customer asked not to be called: through which channel, since when. */
    public record StopListing(String channel, Instant since) {
    }
}
