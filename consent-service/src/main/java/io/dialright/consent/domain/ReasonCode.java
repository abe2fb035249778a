package io.dialright.consent.domain;

/** Why a number may not be called (K-6). A blocked decision lists every code that applies. */
public enum ReasonCode {
    /** No consent (or other accepted basis) for this purpose and channel. */
    NO_CONSENT,
    /** The consent for this purpose was revoked. */
    CONSENT_REVOKED,
    /** The consent for this purpose is past its valid-until date. */
    CONSENT_EXPIRED,
    /** The consent waits for its SMS code (double opt-in). */
    PENDING_CONFIRMATION,
    /** The customer asked not to be called. */
    STOP_LIST,
    /** The number is in the national do-not-call registry (marketing). */
    NATIONAL_REGISTRY,
    /** The number was erased on the customer's request: blocked for everything. */
    ERASED
}
