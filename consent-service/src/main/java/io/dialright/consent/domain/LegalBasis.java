package io.dialright.consent.domain;

/** The legal ground of processing a number for a purpose (152-FZ art. 6). */
public enum LegalBasis {
    CONSENT,
    CONTRACT,
    VITAL_INTERESTS,
    LEGAL_OBLIGATION,
    PUBLIC_SERVICE
}
