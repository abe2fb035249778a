package io.dialright.consent.domain;

/** An erasure is {@code OPEN} until every service confirmed; an access request is answered at once. */
public enum PrivacyRequestStatus {
    OPEN,
    COMPLETED
}
