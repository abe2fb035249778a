package io.dialright.consent.rest;

import java.util.Set;

import io.dialright.consent.domain.DecisionRule;
import io.dialright.consent.domain.LegalBasis;
import io.dialright.consent.domain.Purpose;

/** A decision rule as documented: the data the decisions apply, and the rule in words. */
public record DecisionRuleView(Purpose purpose, Set<LegalBasis> acceptedBases, Set<LegalBasis> stopListExemptBases,
                               boolean channelMustMatch, boolean registryBlocks, boolean erasureBlocks,
                               String explanation) {

    static DecisionRuleView of(DecisionRule rule) {
        return new DecisionRuleView(rule.purpose(), rule.acceptedBases(), rule.stopListExemptBases(),
                rule.channelMustMatch(), rule.registryBlocks(), true, rule.explanation());
    }
}
