package io.dialright.consent.domain;

/**
 * States of a consent record. {@code EXPIRED} is never stored: an {@code ACTIVE} consent whose {@code validUntil}
 * has passed is shown and decided as expired. {@code SUPERSEDED}: a newer consent for the same number, purpose and
 * channel took its place. {@code REKEYED} appears only in the history: the consent moved to the surviving contact
 * of a merge, its status unchanged.
 */
public enum ConsentStatus {
    PENDING_CONFIRMATION,
    ACTIVE,
    REVOKED,
    SUPERSEDED,
    EXPIRED,
    REKEYED
}
