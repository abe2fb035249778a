package io.dialright.contact.domain;

import java.time.Instant;

/**
 * One channel a contact's data came through (C-2), with the campaign, shop or form when known. Kept in the contact's
 * {@code sources} list, oldest first; a merged contact keeps those of both.
 */
public record ContactSource(SourceChannel channel, String campaign, Instant recordedAt) {
}
