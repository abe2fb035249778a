package io.dialright.dialer.rules;

import java.time.Instant;

/** A stored version of a ruleset with who added it and when. */
public record RulesetVersion(Ruleset ruleset, String createdBy, Instant createdAt) {
}
