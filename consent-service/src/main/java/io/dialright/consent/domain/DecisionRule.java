package io.dialright.consent.domain;

import java.util.Set;

/**
 * The rule of one purpose, as stored in {@code decision_rule} (K-6).
 *
 * @param acceptedBases       a consent record of this purpose counts only on these legal bases
 * @param stopListExemptBases records on these bases allow the call even when the number is on the stop list
 * @param channelMustMatch    the record must be for the channel asked about
 * @param registryBlocks      numbers in the national do-not-call registry are blocked
 * @param explanation         the rule in words, as documented
 */
public record DecisionRule(Purpose purpose, Set<LegalBasis> acceptedBases, Set<LegalBasis> stopListExemptBases,
                           boolean channelMustMatch, boolean registryBlocks, String explanation) {

    public boolean accepts(LegalBasis basis) {
        return acceptedBases.contains(basis);
    }

    public boolean overridesStopList(LegalBasis basis) {
        return stopListExemptBases.contains(basis);
    }
}
