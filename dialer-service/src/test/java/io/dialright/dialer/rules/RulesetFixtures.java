package io.dialright.dialer.rules;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Rulesets for unit tests: the four presets as {@code V2__rulesets.sql} seeds them (RulesetResourceTest checks
 * that the seeded ones equal these), and a builder for others.
 */
final class RulesetFixtures {

    static final Instant PRESET_FROM = Instant.parse("2020-01-01T00:00:00Z");
    static final List<DayOfWeek> WEEKDAYS = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
    static final List<DayOfWeek> WEEKEND = List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);

    private RulesetFixtures() {
    }

    static Ruleset ruDefault() {
        return builder("ru-default").country("RU")
                .on(WEEKDAYS, range("09:00", "13:00"), range("14:00", "20:00"))
                .attempts(3, 30, 60, 24).build();
    }

    static Ruleset ru230fz() {
        return builder("ru-230fz").country("RU")
                .on(WEEKDAYS, range("08:00", "22:00"))
                .on(WEEKEND, range("09:00", "20:00"))
                .holidayHours(range("09:00", "20:00"))
                .attempts(3, 30, 60, 24).conversations(1, 2, 8).build();
    }

    static Ruleset usTcpa() {
        return builder("us-tcpa").country("US")
                .on(WEEKDAYS, range("08:00", "21:00"))
                .on(WEEKEND, range("08:00", "21:00"))
                .holidayHours(range("08:00", "21:00"))
                .attempts(3, 30, 60, 24).build();
    }

    static Ruleset fr2022() {
        return builder("fr-2022").country("FR")
                .on(WEEKDAYS, range("10:00", "13:00"), range("14:00", "20:00"))
                .attempts(3, 30, 60, 24).perThirtyDays(4).afterRefusal(60).build();
    }

    static TimeRange range(String from, String to) {
        return TimeRange.of(from, to);
    }

    static Builder builder(String id) {
        return new Builder(id);
    }

    static final class Builder {
        private final String id;
        private String country;
        private final Map<DayOfWeek, List<TimeRange>> hours = new EnumMap<>(DayOfWeek.class);
        private final List<LocalDate> holidays = new ArrayList<>();
        private List<TimeRange> holidayHours = List.of();
        private int maxAttemptsPer7Days = 3;
        private int coolOffDays = 30;
        private int minGapMinutes = 60;
        private int otherOperatorLockHours = 24;
        private Integer perDay;
        private Integer per7;
        private Integer per30;
        private Integer attemptsPer30;
        private Integer afterRefusal;

        private Builder(String id) {
            this.id = id;
        }

        Builder country(String code) {
            this.country = code;
            return this;
        }

        Builder on(List<DayOfWeek> days, TimeRange... ranges) {
            days.forEach(day -> hours.put(day, List.of(ranges)));
            return this;
        }

        Builder holiday(String day) {
            holidays.add(LocalDate.parse(day));
            return this;
        }

        Builder holidayHours(TimeRange... ranges) {
            holidayHours = List.of(ranges);
            return this;
        }

        Builder attempts(int per7Days, int coolOff, int gapMinutes, int lockHours) {
            maxAttemptsPer7Days = per7Days;
            coolOffDays = coolOff;
            minGapMinutes = gapMinutes;
            otherOperatorLockHours = lockHours;
            return this;
        }

        Builder conversations(Integer day, Integer week, Integer month) {
            perDay = day;
            per7 = week;
            per30 = month;
            return this;
        }

        Builder perThirtyDays(Integer attempts) {
            attemptsPer30 = attempts;
            return this;
        }

        Builder afterRefusal(Integer days) {
            afterRefusal = days;
            return this;
        }

        Ruleset build() {
            return new Ruleset(id, 1, id, country, "test rule", hours, holidays, holidayHours, maxAttemptsPer7Days,
                    coolOffDays, minGapMinutes, otherOperatorLockHours, perDay, per7, per30, attemptsPer30,
                    afterRefusal, PRESET_FROM, false);
        }
    }
}
