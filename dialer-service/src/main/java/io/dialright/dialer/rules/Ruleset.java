package io.dialright.dialer.rules;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One version of a set of calling rules (D-2): when a number may be called, in the callee's local time, and how
 * often. Immutable; the lists are sorted and {@link #hours()} has an entry (maybe empty) for every day.
 *
 * @param id                        {@code ru-default}, {@code [a-z0-9-]{2,64}}
 * @param version                   1, 2, …; a change is a new version
 * @param country                   ISO 3166 code whose public-holiday calendar applies on top of {@link #holidays}, or
 *                                  {@code null}
 * @param rule                      one sentence: the law or company rule this encodes
 * @param hours                     the allowed local times per weekday; an empty list means no calls that day
 * @param holidays                  the ruleset's own holidays (the country's calendar is added when evaluating)
 * @param holidayHours              the allowed local times on a holiday; empty means no calls on holidays
 * @param maxAttemptsPer7Days       attempts allowed within any 7 days
 * @param coolOffDays               the rest after that many attempts within 7 days, counted from the last of them
 * @param minGapMinutes             the least time between two attempts
 * @param otherOperatorLockHours    sensitive campaigns: no attempt by another operator this soon after one
 * @param maxConversationsPerDay    answered calls within 24 hours, or {@code null} for no such limit
 * @param maxConversationsPer7Days  answered calls within 7 days, or {@code null}
 * @param maxConversationsPer30Days answered calls within a month (counted over 31 days, see {@link AttemptPolicy}),
 *                                  or {@code null}
 * @param maxAttemptsPer30Days      attempts within 30 days, or {@code null}
 * @param daysAfterRefusal          days without a call after a REFUSED or OPT_OUT outcome, or {@code null}
 * @param effectiveFrom             when this version takes effect
 * @param preset                    shipped with Dialright and read-only
 */
public record Ruleset(String id, int version, String name, String country, String rule,
                      Map<DayOfWeek, List<TimeRange>> hours, List<LocalDate> holidays, List<TimeRange> holidayHours,
                      int maxAttemptsPer7Days, int coolOffDays, int minGapMinutes, int otherOperatorLockHours,
                      Integer maxConversationsPerDay, Integer maxConversationsPer7Days,
                      Integer maxConversationsPer30Days, Integer maxAttemptsPer30Days, Integer daysAfterRefusal,
                      Instant effectiveFrom, boolean preset) {

    private static final Comparator<TimeRange> BY_START = Comparator.comparing(TimeRange::from);

    public Ruleset {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        EnumMap<DayOfWeek, List<TimeRange>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            List<TimeRange> ranges = hours == null ? null : hours.get(day);
            week.put(day, ranges == null ? List.of() : sorted(ranges));
        }
        hours = Collections.unmodifiableMap(week);
        holidays = holidays == null ? List.of() : holidays.stream().distinct().sorted().toList();
        holidayHours = holidayHours == null ? List.of() : sorted(holidayHours);
    }

    /** The allowed local times on {@code day} when it is not a holiday. */
    public List<TimeRange> hoursOn(DayOfWeek day) {
        return hours.get(day);
    }

    /** Whether {@code day} is on the ruleset's own list (the country's calendar is not consulted here). */
    public boolean ownHoliday(LocalDate day) {
        return Collections.binarySearch(holidays, day) >= 0;
    }

    private static List<TimeRange> sorted(List<TimeRange> ranges) {
        return ranges.stream().sorted(BY_START).toList();
    }
}
