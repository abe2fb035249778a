package io.dialright.dialer.domain;

/** The moments of a call that telephony platforms report. */
public enum CallEventType {
    CALL_STARTED,
    CALL_ANSWERED,
    CALL_COMPLETED
}
