package io.dialright.dialer.rules;

import static io.dialright.dialer.rules.RulesetFixtures.builder;
import static io.dialright.dialer.rules.RulesetFixtures.range;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CallingHoursTest {

    /** What libphonenumber 9.0.43 gives for a Russian mobile (CalleeZonesTest checks it still does). */
    static final List<String> RUSSIAN_MOBILE_ZONES = List.of("Asia/Almaty", "Asia/Anadyr", "Asia/Aqtobe",
            "Asia/Irkutsk", "Asia/Kamchatka", "Asia/Krasnoyarsk", "Asia/Magadan", "Asia/Novosibirsk", "Asia/Omsk",
            "Asia/Sakhalin", "Asia/Vladivostok", "Asia/Yakutsk", "Asia/Yekaterinburg", "Europe/Bucharest",
            "Europe/Moscow", "Europe/Samara");

    static final HolidayCalendar CALENDAR = HolidayCalendar.of(Map.of(
            "RU", Map.of(LocalDate.parse("2026-11-04"), "Unity Day",
                    LocalDate.parse("2027-01-07"), "Orthodox Christmas",
                    LocalDate.parse("2027-01-08"), "New Year holidays"),
            "US", Map.of(LocalDate.parse("2026-11-26"), "Thanksgiving Day")));

    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    static final ZoneId VLADIVOSTOK = ZoneId.of("Asia/Vladivostok");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final CallingHours hours = new CallingHours(CALENDAR);

    private HoursVerdict at(Ruleset rules, ZoneId zone, String instant) {
        return hours.evaluate(rules, CalleeZones.confirmed(zone), null, Instant.parse(instant));
    }

    private static CalleeZones russianMobile() {
        return CalleeZones.of(null, "RU", RUSSIAN_MOBILE_ZONES);
    }

    @Nested
    class RuDefault {

        private final Ruleset rules = RulesetFixtures.ruDefault();

        @Test
        void sundayEveningInVladivostokOpensOnMondayMorningThere() {
            HoursVerdict verdict = at(rules, VLADIVOSTOK, "2026-11-29T11:40:00Z");

            assertThat(verdict.open()).isFalse();
            assertThat(verdict.nextOpening()).isEqualTo("2026-11-29T23:00:00Z");
            assertThat(verdict.explanation()).isEqualTo("Closed: 21:40 Sunday in Asia/Vladivostok (ru-default v1 "
                    + "allows Mon–Fri 09:00–13:00, 14:00–20:00; no calls on holidays); opens 2026-11-30T09:00+10:00");
        }

        @Test
        void lunchBreakIsClosedFromOneToTwo() {
            assertThat(at(rules, MOSCOW, "2026-11-30T09:59:00Z").open()).isTrue();
            HoursVerdict lunch = at(rules, MOSCOW, "2026-11-30T10:30:00Z");
            assertThat(lunch.open()).isFalse();
            assertThat(lunch.nextOpening()).isEqualTo("2026-11-30T11:00:00Z");
            assertThat(at(rules, MOSCOW, "2026-11-30T11:00:00Z").open()).isTrue();
        }

        @Test
        void openVerdictOpensAtTheInstantAskedAbout() {
            HoursVerdict verdict = at(rules, MOSCOW, "2026-11-30T07:15:30Z");

            assertThat(verdict.open()).isTrue();
            assertThat(verdict.nextOpening()).isEqualTo("2026-11-30T07:15:30Z");
            assertThat(verdict.explanation()).startsWith("Open: 10:15 Monday in Europe/Moscow (ru-default v1");
        }

        @Test
        void fridayEightPmOpensOnMondayMorning() {
            HoursVerdict verdict = at(rules, MOSCOW, "2026-12-04T17:00:00Z");

            assertThat(verdict.open()).isFalse();
            assertThat(verdict.nextOpening()).isEqualTo("2026-12-07T06:00:00Z");
        }

        @Test
        void holidayOfTheCountryCalendarIsClosedAndTheNextOpeningSkipsHolidaysAndTheWeekend() {
            HoursVerdict verdict = at(rules, MOSCOW, "2027-01-07T07:00:00Z");

            assertThat(verdict.open()).isFalse();
            assertThat(verdict.nextOpening()).isEqualTo("2027-01-11T06:00:00Z");
            assertThat(verdict.explanation()).contains("10:00 Thursday 2027-01-07 (Orthodox Christmas, a public "
                    + "holiday in RU) in Europe/Moscow");
        }

        @Test
        void ambiguousRussianMobileHasNoHourAllowedInEveryZone() {
            HoursVerdict verdict = hours.evaluate(rules, russianMobile(), null,
                    Instant.parse("2026-11-30T08:00:00Z"));

            // Lunch in Novosibirsk (06–07Z) and Omsk (07–08Z) covers the only common weekday hours, 06–08Z.
            assertThat(verdict.open()).isFalse();
            assertThat(verdict.nextOpening()).isNull();
            assertThat(verdict.explanation())
                    .startsWith("Time zone ambiguous (Europe/Moscow … Asia/Kamchatka): only hours allowed in all "
                            + "13 zones count; confirm the customer's zone to widen the window. Closed: ")
                    .endsWith("; no hour within the next 21 days is allowed in all 13 zones at once");
        }

        @Test
        void confirmedZoneWidensTheWindowOfARussianMobile() {
            CalleeZones confirmed = CalleeZones.of("Europe/Moscow", "RU", RUSSIAN_MOBILE_ZONES);

            HoursVerdict verdict = hours.evaluate(rules, confirmed, null, Instant.parse("2026-11-30T11:00:00Z"));

            assertThat(verdict.open()).isTrue();
            assertThat(verdict.explanation()).doesNotContain("ambiguous");
        }
    }

    @Nested
    class OwnHolidays {

        private final Ruleset acme = builder("acme").on(RulesetFixtures.WEEKDAYS, range("09:00", "18:00"))
                .holiday("2026-12-01").build();

        @Test
        void ownHolidayWithoutHolidayHoursIsClosed() {
            HoursVerdict verdict = at(acme, PARIS, "2026-12-01T09:00:00Z");

            assertThat(verdict.open()).isFalse();
            assertThat(verdict.nextOpening()).isEqualTo("2026-12-02T08:00:00Z");
            assertThat(verdict.explanation()).contains("(a holiday of acme)");
        }

        @Test
        void ownHolidayUsesHolidayHours() {
            Ruleset shortDay = builder("acme").on(RulesetFixtures.WEEKDAYS, range("09:00", "18:00"))
                    .holiday("2026-12-01").holidayHours(range("10:00", "12:00")).build();

            HoursVerdict verdict = at(shortDay, PARIS, "2026-12-01T08:30:00Z");

            assertThat(verdict.open()).isFalse();
            assertThat(verdict.nextOpening()).isEqualTo("2026-12-01T09:00:00Z");
            assertThat(at(shortDay, PARIS, "2026-12-01T11:30:00Z").open()).isFalse();
        }
    }

    @Nested
    class DebtCollection230Fz {

        private final Ruleset rules = RulesetFixtures.ru230fz();

        @Test
        void saturdayOpensAtNineAndClosesAtEight() {
            HoursVerdict early = at(rules, MOSCOW, "2026-12-05T05:30:00Z");
            assertThat(early.open()).isFalse();
            assertThat(early.nextOpening()).isEqualTo("2026-12-05T06:00:00Z");

            HoursVerdict late = at(rules, MOSCOW, "2026-12-05T17:00:00Z");
            assertThat(late.open()).isFalse();
            assertThat(late.nextOpening()).isEqualTo("2026-12-06T06:00:00Z");
        }

        @Test
        void weekdayRunsFromEightToTen() {
            assertThat(at(rules, MOSCOW, "2026-12-07T18:30:00Z").open()).isTrue();
            HoursVerdict ten = at(rules, MOSCOW, "2026-12-07T19:00:00Z");
            assertThat(ten.open()).isFalse();
            assertThat(ten.nextOpening()).isEqualTo("2026-12-08T05:00:00Z");
        }

        @Test
        void holidayOnAWednesdayHasWeekendHours() {
            HoursVerdict morning = at(rules, MOSCOW, "2026-11-04T05:30:00Z");
            assertThat(morning.open()).isFalse();
            assertThat(morning.nextOpening()).isEqualTo("2026-11-04T06:00:00Z");
            assertThat(morning.explanation()).contains("Unity Day").contains("holidays 09:00–20:00");

            HoursVerdict evening = at(rules, MOSCOW, "2026-11-04T17:30:00Z");
            assertThat(evening.open()).isFalse();
            assertThat(evening.nextOpening()).isEqualTo("2026-11-05T05:00:00Z");
        }

        @Test
        void ambiguousRussianMobileGetsTheHoursCommonToAllThirteenZones() {
            HoursVerdict verdict = hours.evaluate(rules, russianMobile(), null,
                    Instant.parse("2026-11-30T11:00:00Z"));

            // 14:00 in Moscow is 22:00 in Magadan: closed there; Tuesday 08:00 Moscow is 17:00 in Kamchatka.
            assertThat(verdict.open()).isFalse();
            assertThat(verdict.nextOpening()).isEqualTo("2026-12-01T05:00:00Z");
            assertThat(verdict.explanation())
                    .contains("only hours allowed in all 13 zones count")
                    .contains("Closed: 22:00 Monday in Asia/Magadan")
                    .endsWith("opens 2026-12-01T16:00+11:00");

            HoursVerdict open = hours.evaluate(rules, russianMobile(), null, Instant.parse("2026-12-01T06:00:00Z"));
            assertThat(open.open()).isTrue();
            assertThat(open.explanation()).contains("Open: 09:00 Tuesday in Europe/Moscow … 18:00 Tuesday in "
                    + "Asia/Kamchatka");
        }
    }

    @Nested
    class DaylightSaving {

        private final Ruleset tcpa = RulesetFixtures.usTcpa();

        @Test
        void newYorkOpensAtEightLocalOnBothSidesOfTheSpringChange() {
            HoursVerdict friday = at(tcpa, NEW_YORK, "2026-03-07T02:00:00Z");
            assertThat(friday.nextOpening()).isEqualTo("2026-03-07T13:00:00Z");

            HoursVerdict saturday = at(tcpa, NEW_YORK, "2026-03-08T02:00:00Z");
            assertThat(saturday.open()).isFalse();
            assertThat(saturday.nextOpening()).isEqualTo("2026-03-08T12:00:00Z");
            assertThat(saturday.explanation()).endsWith("opens 2026-03-08T08:00-04:00");

            assertThat(at(tcpa, NEW_YORK, "2026-03-09T00:59:00Z").open()).isTrue();
            assertThat(at(tcpa, NEW_YORK, "2026-03-09T01:00:00Z").open()).isFalse();
        }

        @Test
        void newYorkOpensAtEightLocalAfterTheAutumnChange() {
            assertThat(at(tcpa, NEW_YORK, "2026-10-31T11:59:00Z").open()).isFalse();
            assertThat(at(tcpa, NEW_YORK, "2026-10-31T12:00:00Z").open()).isTrue();

            HoursVerdict night = at(tcpa, NEW_YORK, "2026-11-01T01:30:00Z");
            assertThat(night.open()).isFalse();
            assertThat(night.nextOpening()).isEqualTo("2026-11-01T13:00:00Z");
            assertThat(night.explanation()).endsWith("opens 2026-11-01T08:00-05:00");
        }

        @Test
        void aWindowStartingInTheRepeatedHourStartsAtItsFirstPass() {
            Ruleset night = builder("night").on(List.of(DayOfWeek.SUNDAY), range("01:30", "03:00")).build();

            assertThat(at(night, NEW_YORK, "2026-11-01T05:29:00Z").nextOpening()).isEqualTo("2026-11-01T05:30:00Z");
            assertThat(at(night, NEW_YORK, "2026-11-01T06:45:00Z").open()).isTrue();
            assertThat(at(night, NEW_YORK, "2026-11-01T08:00:00Z").open()).isFalse();
        }

        @Test
        void aWindowEndingInTheRepeatedHourDoesNotReopenOnItsSecondPass() {
            Ruleset night = builder("night").on(List.of(DayOfWeek.SUNDAY), range("00:00", "01:30")).build();
            Instant secondPass = Instant.parse("2026-11-01T06:15:00Z");

            HoursVerdict verdict = hours.evaluate(night, CalleeZones.confirmed(NEW_YORK), null, secondPass);

            assertThat(verdict.open()).isFalse();
            assertThat(hours.isOpen(night, List.of(NEW_YORK), secondPass)).isFalse();
            assertThat(verdict.nextOpening()).isEqualTo("2026-11-08T05:00:00Z");
        }

        @Test
        void aWindowStartingInTheSpringGapStartsWhenTheClockJumps() {
            Ruleset night = builder("night").on(List.of(DayOfWeek.SUNDAY), range("02:30", "04:00")).build();

            HoursVerdict verdict = at(night, NEW_YORK, "2026-03-08T06:59:00Z");

            assertThat(verdict.nextOpening()).isEqualTo("2026-03-08T07:00:00Z");
            assertThat(hours.isOpen(night, List.of(NEW_YORK), Instant.parse("2026-03-08T07:00:00Z"))).isTrue();
        }

        @Test
        void parisOpensOnMondayAfterTheWeekendOfTheSpringChange() {
            Ruleset france = RulesetFixtures.fr2022();

            assertThat(at(france, PARIS, "2026-03-27T09:00:00Z").open()).isTrue();
            HoursVerdict friday = at(france, PARIS, "2026-03-27T19:00:00Z");
            assertThat(friday.open()).isFalse();
            assertThat(friday.nextOpening()).isEqualTo("2026-03-30T08:00:00Z");
            assertThat(friday.explanation()).endsWith("opens 2026-03-30T10:00+02:00");
        }
    }

    @Nested
    class PreferredTime {

        private final Ruleset rules = RulesetFixtures.ruDefault();
        private final CalleeZones moscow = CalleeZones.confirmed(MOSCOW);

        private HoursVerdict at(TimeRange preferred, String instant) {
            return hours.evaluate(rules, moscow, preferred, Instant.parse(instant));
        }

        @Test
        void preferredTimeInsideTheWindowNarrowsIt() {
            TimeRange evening = range("18:00", "19:00");

            HoursVerdict morning = at(evening, "2026-11-30T07:00:00Z");
            assertThat(morning.open()).isFalse();
            assertThat(morning.nextOpening()).isEqualTo("2026-11-30T15:00:00Z");
            assertThat(morning.explanation()).startsWith("Closed: 10:00 Monday in Europe/Moscow is outside the "
                    + "customer's preferred time 18:00–19:00");

            HoursVerdict inside = at(evening, "2026-11-30T15:30:00Z");
            assertThat(inside.open()).isTrue();
            assertThat(inside.explanation()).contains("within the customer's preferred time 18:00–19:00");

            HoursVerdict after = at(evening, "2026-11-30T16:30:00Z");
            assertThat(after.open()).isFalse();
            assertThat(after.nextOpening()).isEqualTo("2026-12-01T15:00:00Z");
        }

        @Test
        void preferredTimeOutsideTheWindowLeavesTheRulesHoursAndSaysSo() {
            HoursVerdict verdict = at(range("07:00", "08:00"), "2026-11-30T07:00:00Z");

            assertThat(verdict.open()).isTrue();
            assertThat(verdict.explanation()).contains("the customer's preferred time 07:00–08:00 could not be "
                    + "honoured");
        }

        @Test
        void preferredTimeAcrossLunchKeepsLunchClosed() {
            TimeRange midday = range("12:00", "15:00");

            HoursVerdict lunch = at(midday, "2026-11-30T10:30:00Z");
            assertThat(lunch.open()).isFalse();
            assertThat(lunch.nextOpening()).isEqualTo("2026-11-30T11:00:00Z");

            HoursVerdict afternoon = at(midday, "2026-11-30T12:30:00Z");
            assertThat(afternoon.open()).isFalse();
            assertThat(afternoon.nextOpening()).isEqualTo("2026-12-01T09:00:00Z");
        }

        @Test
        void preferredTimeOnSaturdayWaitsForMondaysPreferredHour() {
            HoursVerdict verdict = at(range("18:00", "19:00"), "2026-12-05T07:00:00Z");

            assertThat(verdict.nextOpening()).isEqualTo("2026-12-07T15:00:00Z");
        }
    }

    @Test
    void unknownZoneIsClosedWithoutAnOpening() {
        HoursVerdict verdict = hours.evaluate(RulesetFixtures.ruDefault(), CalleeZones.of(null, null, List.of()),
                null, Instant.parse("2026-11-30T08:00:00Z"));

        assertThat(verdict.open()).isFalse();
        assertThat(verdict.nextOpening()).isNull();
        assertThat(verdict.explanation()).contains("time zone is unknown");
        assertThat(hours.isOpen(RulesetFixtures.ruDefault(), List.of(), Instant.parse("2026-11-30T08:00:00Z")))
                .isFalse();
    }

    @Test
    void rulesetWithoutAnyHourNeverOpens() {
        Ruleset never = builder("never").build();

        HoursVerdict verdict = at(never, MOSCOW, "2026-11-30T08:00:00Z");

        assertThat(verdict.nextOpening()).isNull();
        assertThat(verdict.explanation()).contains("no calls on any weekday").endsWith("within the next 21 days");
    }

    /**
     * The fast path and the full evaluation agree at every instant, and the next opening is the first minute at or
     * after the instant when the fast path says open — around the clock changes of 2026, in zones with half- and
     * quarter-hour offsets, a half-hour daylight saving (Lord Howe) and clock changes at midnight (Santiago, Havana).
     */
    @Nested
    class AgreesWithAMinuteByMinuteSearch {

        private final List<Ruleset> rulesets = List.of(RulesetFixtures.ruDefault(), RulesetFixtures.ru230fz(),
                RulesetFixtures.usTcpa(), RulesetFixtures.fr2022(),
                builder("night").on(List.of(DayOfWeek.SUNDAY), range("00:00", "01:30"), range("02:30", "04:00"))
                        .on(List.of(DayOfWeek.MONDAY), range("00:00", "23:59")).build());
        private final List<CalleeZones> callees = List.of(CalleeZones.confirmed(NEW_YORK),
                CalleeZones.confirmed(PARIS), CalleeZones.confirmed(ZoneId.of("Australia/Lord_Howe")),
                CalleeZones.confirmed(ZoneId.of("Asia/Kathmandu")), CalleeZones.confirmed(ZoneId.of("America/Santiago")),
                CalleeZones.confirmed(ZoneId.of("America/Havana")),
                CalleeZones.of(null, "US", List.of("America/New_York", "America/Los_Angeles", "Pacific/Honolulu")),
                CalleeZones.of(null, "RU", RUSSIAN_MOBILE_ZONES));
        private final List<Instant> periods = List.of(Instant.parse("2026-03-06T00:00:00Z"),
                Instant.parse("2026-03-27T00:00:00Z"), Instant.parse("2026-04-03T00:00:00Z"),
                Instant.parse("2026-09-04T00:00:00Z"), Instant.parse("2026-10-02T00:00:00Z"),
                Instant.parse("2026-10-30T00:00:00Z"), Instant.parse("2027-01-06T00:00:00Z"));

        @Test
        void openAgreesWithTheFastPath() {
            for (Ruleset rules : rulesets) {
                for (CalleeZones callee : callees) {
                    for (Instant start : periods) {
                        for (Instant at = start; at.isBefore(start.plus(Duration.ofDays(4)));
                             at = at.plus(Duration.ofMinutes(17))) {
                            assertThat(hours.evaluate(rules, callee, null, at).open())
                                    .as("%s %s %s", rules.id(), callee.key(), at)
                                    .isEqualTo(hours.isOpen(rules, callee.zones(), at));
                        }
                    }
                }
            }
        }

        @Test
        void nextOpeningIsTheFirstOpenMinute() {
            for (Ruleset rules : rulesets) {
                for (CalleeZones callee : callees.subList(0, callees.size() - 1)) {
                    for (Instant start : periods) {
                        for (Instant at = start; at.isBefore(start.plus(Duration.ofDays(3)));
                             at = at.plus(Duration.ofMinutes(331))) {
                            assertThat(hours.evaluate(rules, callee, null, at).nextOpening())
                                    .as("%s %s %s", rules.id(), callee.key(), at)
                                    .isEqualTo(firstOpenMinute(rules, callee.zones(), at));
                        }
                    }
                }
            }
        }

        private Instant firstOpenMinute(Ruleset rules, List<ZoneId> zones, Instant at) {
            Instant end = at.plus(CallingHours.HORIZON);
            for (Instant t = at.truncatedTo(ChronoUnit.MINUTES); t.isBefore(end); t = t.plus(Duration.ofMinutes(1))) {
                if (hours.isOpen(rules, zones, t)) {
                    return t;
                }
            }
            return null;
        }
    }
}
