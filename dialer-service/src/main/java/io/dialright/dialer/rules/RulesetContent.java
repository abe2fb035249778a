package io.dialright.dialer.rules;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a supervisor writes into a ruleset version, in the JSON shape of the API and of {@code ruleset_version.body}:
 * {@code hours} keyed {@code MON} … {@code SUN}, times as {@code "HH:mm"} pairs.
 */
public record RulesetContent(String name, String country, String rule, Map<String, List<TimeRange>> hours,
                             List<LocalDate> holidays, List<TimeRange> holidayHours, int maxAttemptsPer7Days,
                             int coolOffDays, int minGapMinutes, int otherOperatorLockHours,
                             Integer maxConversationsPerDay, Integer maxConversationsPer7Days,
                             Integer maxConversationsPer30Days, Integer maxAttemptsPer30Days,
                             Integer daysAfterRefusal) {

    /** The keys of {@code hours}, Monday first. */
    public static final List<String> DAY_KEYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    public static String key(DayOfWeek day) {
        return DAY_KEYS.get(day.ordinal());
    }

    public Ruleset toRuleset(String id, int version, Instant effectiveFrom, boolean preset) {
        Map<DayOfWeek, List<TimeRange>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, hours == null ? List.of() : hours.getOrDefault(key(day), List.of()));
        }
        return new Ruleset(id, version, name, country, rule, week, holidays, holidayHours, maxAttemptsPer7Days,
                coolOffDays, minGapMinutes, otherOperatorLockHours, maxConversationsPerDay, maxConversationsPer7Days,
                maxConversationsPer30Days, maxAttemptsPer30Days, daysAfterRefusal, effectiveFrom, preset);
    }

    public static RulesetContent of(Ruleset ruleset) {
        return new RulesetContent(ruleset.name(), ruleset.country(), ruleset.rule(), week(ruleset),
                ruleset.holidays(), ruleset.holidayHours(), ruleset.maxAttemptsPer7Days(), ruleset.coolOffDays(),
                ruleset.minGapMinutes(), ruleset.otherOperatorLockHours(), ruleset.maxConversationsPerDay(),
                ruleset.maxConversationsPer7Days(), ruleset.maxConversationsPer30Days(),
                ruleset.maxAttemptsPer30Days(), ruleset.daysAfterRefusal());
    }

    /** Every day, Monday first, as the API shows them. */
    static Map<String, List<TimeRange>> week(Ruleset ruleset) {
        Map<String, List<TimeRange>> week = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(key(day), ruleset.hoursOn(day));
        }
        return week;
    }
}
