package io.dialright.consent.domain;

/**
 * How the customer told us (K-4: "at the first request by any channel"): an opt-out, a revocation or a privacy
 * request. {@code CALL_OUTCOME} is an opt-out asked for during a call and reported by the dialer or telephony.
 */
public enum CustomerChannel {
    OPERATOR,
    SMS_REPLY,
    LINK,
    IVR,
    WEB_FORM,
    EMAIL,
    PAPER,
    IN_PERSON,
    CALL_OUTCOME
}
