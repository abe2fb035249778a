package io.dialright.contact.service;

/** How much of a contact the caller may see (C-8). */
public enum Visibility {
    /** Numbers in full ({@code e164}) and masked. */
    FULL,
    /** Masked numbers only: analysts, privacy officers. */
    MASKED,
    /** Not at all: answered as 404, so the contact's existence is not revealed. */
    NONE
}
