package io.dialright.consent.domain;

/** How the customer is reached under a consent (K-1). */
public enum Channel {
    VOICE,
    SMS,
    MESSENGER
}
