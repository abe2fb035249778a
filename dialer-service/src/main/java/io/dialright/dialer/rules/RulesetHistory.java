package io.dialright.dialer.rules;

import java.util.List;

/**
 * A ruleset with its versions, oldest first: the one in force now ({@code null} while the first version waits for
 * its {@code effectiveFrom}) and every version ever added, scheduled ones included.
 */
public record RulesetHistory(String id, RulesetView inForce, List<RulesetView> versions) {
}
