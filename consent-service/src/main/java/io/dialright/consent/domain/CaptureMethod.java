package io.dialright.consent.domain;

/** How a consent was captured (K-1); an operator's verbal consent needs the call it was given in. */
public enum CaptureMethod {
    WEB_FORM,
    OPERATOR_VERBAL,
    PAPER,
    IVR,
    SMS_REPLY,
    IMPORT
}
