package io.dialright.contact.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A name and e-mail a contact was also known by: those of a duplicate merged into it that differ from its own
 * ({@code email} null where the duplicate had none or the same).
 */
public record OtherIdentity(String name, String email, UUID mergedFrom, Instant mergedAt) {
}
