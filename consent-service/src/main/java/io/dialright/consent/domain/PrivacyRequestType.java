package io.dialright.consent.domain;

/** What a data subject asks for: to be forgotten (K-7) or to learn what is held about their number (K-8). */
public enum PrivacyRequestType {
    ERASURE,
    ACCESS
}
