package io.dialright.dialer.domain;

/** How a completed call ended (API.md "Outcomes"). */
public enum CallOutcome {
    SALE,
    CALLBACK,
    REFUSED,
    NO_ANSWER,
    BUSY,
    WRONG_NUMBER,
    OPT_OUT,
    COMPLAINT,
    RESOLVED
}
