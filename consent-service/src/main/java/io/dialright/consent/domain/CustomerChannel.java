package io.dialright.consent.domain;

/** How the customer asked not to be called (K-4: "at the first request by any channel"). */
public enum OptOutChannel {
    OPERATOR,
    SMS_REPLY,
    LINK,
    IVR,
    WEB_FORM,
    EMAIL,
    PAPER,
    CALL_OUTCOME
}
