package io.dialright.dialer.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A ruleset version as the API shows it; {@code inForce} tells whether it is the version in force now. */
public record RulesetView(String id, int version, String name, String country, String rule,
                          Map<String, List<TimeRange>> hours, List<LocalDate> holidays, List<TimeRange> holidayHours,
                          int maxAttemptsPer7Days, int coolOffDays, int minGapMinutes, int otherOperatorLockHours,
                          Integer maxConversationsPerDay, Integer maxConversationsPer7Days,
                          Integer maxConversationsPer30Days, Integer maxAttemptsPer30Days, Integer daysAfterRefusal,
                          Instant effectiveFrom, boolean preset, String createdBy, Instant createdAt,
                          boolean inForce) {

    static RulesetView of(RulesetVersion stored, boolean inForce) {
        Ruleset r = stored.ruleset();
        return new RulesetView(r.id(), r.version(), r.name(), r.country(), r.rule(), RulesetContent.week(r),
                r.holidays(), r.holidayHours(), r.maxAttemptsPer7Days(), r.coolOffDays(), r.minGapMinutes(),
                r.otherOperatorLockHours(), r.maxConversationsPerDay(), r.maxConversationsPer7Days(),
                r.maxConversationsPer30Days(), r.maxAttemptsPer30Days(), r.daysAfterRefusal(), r.effectiveFrom(),
                r.preset(), stored.createdBy(), stored.createdAt(), inForce);
    }
}
