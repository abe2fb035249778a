package io.dialright.contact.domain;

/** Where a contact stands. {@code ERASED} is set only by an erasure request, never by a client. */
public enum ContactStatus {
    ACTIVE,
    INACTIVE,
    /** Blacklisted: inbound calls are rejected by the routing rules, campaigns should leave them out. */
    BLOCKED,
    ERASED
}
