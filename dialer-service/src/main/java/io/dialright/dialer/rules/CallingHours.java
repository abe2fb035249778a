package io.dialright.dialer.rules;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * When a callee may be called under a ruleset's hours (D-2), in the callee's local time: pure computation, no I/O
 * once the holiday calendar is loaded.
 *
 * <p>Semantics: on each local date of each candidate zone the allowed hours are the ruleset's hours of that weekday,
 * or its {@code holidayHours} when the date is on the ruleset's own list or its country's calendar. A range's
 * local times are mapped to instants with the zone's rules (daylight saving included): a time that falls into a
 * spring-forward gap starts when the clock jumps; a time that happens twice in an autumn overlap means its first
 * occurrence, so an hour that repeats is never added to a window. With several candidate zones only the instants
 * allowed in every zone count (intersection). A preferred time narrows a day's allowed window when the two overlap;
 * when they do not, the day keeps the rule's window and the explanation says the preference could not be honoured.
 * With several zones, "day" is the local date of the westernmost zone and the preference is read in every zone.
 */
@ApplicationScoped
public class CallingHours {

    /** How far ahead {@link HoursVerdict#nextOpening()} is searched. */
    public static final Duration HORIZON = Duration.ofDays(21);

    /** The search computes windows a week at a time: most answers lie in the first. */
    private static final int CHUNK_DAYS = 7;
    private static final long TRANSITION_MARGIN = Duration.ofDays(2).toSeconds();
    private static final DateTimeFormatter OPENING = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmXXX");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private final HolidayCalendar calendar;

    public CallingHours(HolidayCalendar calendar) {
        this.calendar = calendar;
    }

    /**
     * The fast path: whether {@code at} is inside the ruleset's hours in every zone (no preferred time, no
     * explanation). An empty zone list is closed: without a zone the callee's local time is unknown.
     */
    public boolean isOpen(Ruleset rules, List<ZoneId> zones, Instant at) {
        if (zones == null || zones.isEmpty()) {
            return false;
        }
        for (ZoneId zone : zones) {
            if (!openIn(rules, zone, at.getEpochSecond())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the callee may be called at {@code at}, the next opening within {@link #HORIZON}, and why.
     *
     * @param preferred the customer's preferred local time, or {@code null}
     */
    public HoursVerdict evaluate(Ruleset rules, CalleeZones zones, TimeRange preferred, Instant at) {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(at, "at");
        if (zones == null || zones.zones().isEmpty()) {
            return new HoursVerdict(false, null, "Closed: the callee's time zone is unknown (neither the contact, "
                    + "the number nor its country gives one); confirm the customer's zone to call");
        }
        List<ZoneId> ordered = westToEast(zones.zones(), at);
        Found found = search(rules, ordered, preferred, at);
        return new HoursVerdict(found.open, found.opening, explain(rules, ordered, preferred, at, found));
    }

    // ---- the search -------------------------------------------------------------------------------------------

    /** An answer of the search; {@code honoured} is null without a preferred time or an opening. */
    private record Found(boolean open, Instant opening, Boolean honoured) {
    }

    /** A half-open span of instants in epoch seconds. */
    private record Span(long start, long end) {
    }

    private Found search(Ruleset rules, List<ZoneId> zones, TimeRange preferred, Instant at) {
        long now = at.getEpochSecond();
        long horizonEnd = now + HORIZON.toSeconds();
        ZoneId reference = zones.get(0);
        LocalDate day = LocalDate.ofInstant(at, reference);
        while (startOfDay(day, reference) < horizonEnd) {
            LocalDate chunkEndDay = day.plusDays(CHUNK_DAYS);
            long chunkStart = startOfDay(day, reference);
            long chunkEnd = startOfDay(chunkEndDay, reference);
            List<Span> allowed = null;
            List<Span> liked = null;
            for (ZoneId zone : zones) {
                List<Span> inZone = allowedSpans(rules, zone, chunkStart, chunkEnd);
                allowed = allowed == null ? inZone : intersect(allowed, inZone);
                if (allowed.isEmpty()) {
                    break;
                }
                if (preferred != null) {
                    List<Span> likedInZone = preferredSpans(preferred, zone, chunkStart, chunkEnd);
                    liked = liked == null ? likedInZone : intersect(liked, likedInZone);
                }
            }
            if (!allowed.isEmpty()) {
                for (LocalDate d = day; d.isBefore(chunkEndDay); d = d.plusDays(1)) {
                    List<Span> today = clip(allowed, startOfDay(d, reference), startOfDay(d.plusDays(1), reference));
                    if (today.isEmpty()) {
                        continue;
                    }
                    Boolean honoured = null;
                    if (preferred != null) {
                        List<Span> narrowed = intersect(today, liked);
                        honoured = !narrowed.isEmpty();
                        if (honoured) {
                            today = narrowed;
                        }
                    }
                    for (Span span : today) {
                        if (span.end > now) {
                            if (span.start >= horizonEnd) {
                                return new Found(false, null, null);
                            }
                            boolean open = span.start <= now;
                            return new Found(open, open ? at : Instant.ofEpochSecond(span.start), honoured);
                        }
                    }
                }
            }
            day = chunkEndDay;
        }
        return new Found(false, null, null);
    }

    /** The allowed spans of one zone between two instants, sorted and merged. */
    private List<Span> allowedSpans(Ruleset rules, ZoneId zone, long from, long to) {
        LocalDate first = LocalDate.ofInstant(Instant.ofEpochSecond(from), zone).minusDays(1);
        LocalDate last = LocalDate.ofInstant(Instant.ofEpochSecond(to), zone);
        List<Span> spans = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            for (TimeRange range : rangesOn(rules, d)) {
                addClipped(spans, d, range, zone, from, to);
            }
        }
        return merge(spans);
    }

    private static List<Span> preferredSpans(TimeRange preferred, ZoneId zone, long from, long to) {
        LocalDate first = LocalDate.ofInstant(Instant.ofEpochSecond(from), zone).minusDays(1);
        LocalDate last = LocalDate.ofInstant(Instant.ofEpochSecond(to), zone);
        List<Span> spans = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            addClipped(spans, d, preferred, zone, from, to);
        }
        return merge(spans);
    }

    private static void addClipped(List<Span> spans, LocalDate date, TimeRange range, ZoneId zone, long from,
                                   long to) {
        long start = Math.max(from, epoch(date, range.from(), zone));
        long end = Math.min(to, epoch(date, range.to(), zone));
        if (start < end) {
            spans.add(new Span(start, end));
        }
    }

    private boolean openIn(Ruleset rules, ZoneId zone, long at) {
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochSecond(at), zone);
        if (openOn(rules, zone, today, at)) {
            return true;
        }
        // Only a clock change near midnight can put an instant into the window of the date before or after.
        ZoneOffsetTransition next = zone.getRules().nextTransition(Instant.ofEpochSecond(at - TRANSITION_MARGIN));
        boolean nearChange = next != null && next.getInstant().getEpochSecond() < at + TRANSITION_MARGIN;
        return nearChange && (openOn(rules, zone, today.minusDays(1), at) || openOn(rules, zone, today.plusDays(1), at));
    }

    private boolean openOn(Ruleset rules, ZoneId zone, LocalDate date, long at) {
        for (TimeRange range : rangesOn(rules, date)) {
            if (epoch(date, range.from(), zone) <= at && at < epoch(date, range.to(), zone)) {
                return true;
            }
        }
        return false;
    }

    private List<TimeRange> rangesOn(Ruleset rules, LocalDate date) {
        return holidayName(rules, date) != null ? rules.holidayHours() : rules.hoursOn(date.getDayOfWeek());
    }

    /** The holiday's name for explanations, or {@code null} on an ordinary day. */
    private String holidayName(Ruleset rules, LocalDate date) {
        if (rules.ownHoliday(date)) {
            return "a holiday of " + rules.id();
        }
        String name = calendar.holiday(rules.country(), date);
        return name == null ? null : name + ", a public holiday in " + rules.country();
    }

    /** A local date and time as an instant: a time in a gap starts at the jump, a repeated time at its first pass. */
    static long epoch(LocalDate date, LocalTime time, ZoneId zone) {
        LocalDateTime local = LocalDateTime.of(date, time);
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return rules.getTransition(local).getInstant().getEpochSecond();
        }
        return local.toEpochSecond(offsets.get(0));
    }

    private static long startOfDay(LocalDate date, ZoneId zone) {
        return date.atStartOfDay(zone).toEpochSecond();
    }

    private static List<Span> merge(List<Span> spans) {
        if (spans.size() < 2) {
            return spans;
        }
        spans.sort(Comparator.comparingLong(Span::start));
        List<Span> merged = new ArrayList<>(spans.size());
        Span current = spans.get(0);
        for (int i = 1; i < spans.size(); i++) {
            Span next = spans.get(i);
            if (next.start <= current.end) {
                current = new Span(current.start, Math.max(current.end, next.end));
            } else {
                merged.add(current);
                current = next;
            }
        }
        merged.add(current);
        return merged;
    }

    private static List<Span> intersect(List<Span> a, List<Span> b) {
        List<Span> common = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            long start = Math.max(a.get(i).start, b.get(j).start);
            long end = Math.min(a.get(i).end, b.get(j).end);
            if (start < end) {
                common.add(new Span(start, end));
            }
            if (a.get(i).end < b.get(j).end) {
                i++;
            } else {
                j++;
            }
        }
        return common;
    }

    private static List<Span> clip(List<Span> spans, long from, long to) {
        List<Span> clipped = new ArrayList<>();
        for (Span span : spans) {
            long start = Math.max(from, span.start);
            long end = Math.min(to, span.end);
            if (start < end) {
                clipped.add(new Span(start, end));
            }
        }
        return clipped;
    }

    private static List<ZoneId> westToEast(List<ZoneId> zones, Instant at) {
        return zones.stream()
                .sorted(Comparator.<ZoneId>comparingInt(zone -> zone.getRules().getOffset(at).getTotalSeconds())
                        .thenComparing(ZoneId::getId))
                .toList();
    }

    // ---- the explanation --------------------------------------------------------------------------------------

    private String explain(Ruleset rules, List<ZoneId> zones, TimeRange preferred, Instant at, Found found) {
        StringBuilder text = new StringBuilder();
        ZoneId west = zones.get(0);
        ZoneId east = zones.get(zones.size() - 1);
        boolean several = zones.size() > 1;
        if (several) {
            text.append("Time zone ambiguous (").append(west.getId()).append(" … ").append(east.getId())
                    .append("): only hours allowed in all ").append(zones.size())
                    .append(" zones count; confirm the customer's zone to widen the window. ");
        }
        if (found.open) {
            text.append("Open: ").append(localMoment(rules, at, west));
            if (several) {
                text.append(" … ").append(localMoment(rules, at, east));
            }
            if (Boolean.TRUE.equals(found.honoured)) {
                text.append(", within the customer's preferred time ").append(preferred);
            }
            text.append(" (").append(describe(rules)).append(')');
            if (Boolean.FALSE.equals(found.honoured)) {
                text.append(notHonoured(preferred));
            }
            return text.toString();
        }
        ZoneId closedIn = zones.stream().filter(zone -> !openIn(rules, zone, at.getEpochSecond())).findFirst()
                .orElse(null);
        boolean byPreference = closedIn == null;
        if (byPreference) {
            closedIn = west;
            text.append("Closed: ").append(localMoment(rules, at, west))
                    .append(" is outside the customer's preferred time ").append(preferred);
        } else {
            text.append("Closed: ").append(localMoment(rules, at, closedIn));
        }
        text.append(" (").append(describe(rules)).append(')');
        if (found.opening != null) {
            text.append("; opens ").append(OPENING.format(found.opening.atZone(closedIn)));
            if (Boolean.TRUE.equals(found.honoured) && !byPreference) {
                text.append(", within the customer's preferred time ").append(preferred);
            } else if (Boolean.FALSE.equals(found.honoured)) {
                text.append(notHonoured(preferred));
            }
        } else if (several) {
            text.append("; no hour within the next ").append(HORIZON.toDays()).append(" days is allowed in all ")
                    .append(zones.size()).append(" zones at once");
        } else {
            text.append("; no allowed hour within the next ").append(HORIZON.toDays()).append(" days");
        }
        return text.toString();
    }

    private static String notHonoured(TimeRange preferred) {
        return "; the customer's preferred time " + preferred + " could not be honoured: it is outside the allowed "
                + "hours that day, so the rule's hours apply";
    }

    /** {@code 21:40 Sunday in Asia/Vladivostok}, with the holiday when there is one. */
    private String localMoment(Ruleset rules, Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        StringBuilder text = new StringBuilder(CLOCK.format(local)).append(' ')
                .append(local.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        String holiday = holidayName(rules, local.toLocalDate());
        if (holiday != null) {
            text.append(' ').append(local.toLocalDate()).append(" (").append(holiday).append(')');
        }
        return text.append(" in ").append(zone.getId()).toString();
    }

    /** {@code ru-default v1 allows Mon–Fri 09:00–13:00, 14:00–20:00; no calls on holidays}. */
    static String describe(Ruleset rules) {
        StringBuilder text = new StringBuilder(rules.id()).append(" v").append(rules.version()).append(" allows ");
        List<String> parts = new ArrayList<>();
        DayOfWeek[] days = DayOfWeek.values();
        int i = 0;
        while (i < days.length) {
            List<TimeRange> ranges = rules.hoursOn(days[i]);
            int j = i;
            while (j + 1 < days.length && rules.hoursOn(days[j + 1]).equals(ranges)) {
                j++;
            }
            if (!ranges.isEmpty()) {
                String span = shortName(days[i]) + (j > i ? "–" + shortName(days[j]) : "");
                parts.add(span + " " + joined(ranges));
            }
            i = j + 1;
        }
        text.append(parts.isEmpty() ? "no calls on any weekday" : String.join("; ", parts));
        text.append(rules.holidayHours().isEmpty() ? "; no calls on holidays"
                : "; holidays " + joined(rules.holidayHours()));
        return text.toString();
    }

    private static String joined(List<TimeRange> ranges) {
        return String.join(", ", ranges.stream().map(TimeRange::toString).toList());
    }

    private static String shortName(DayOfWeek day) {
        return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }
}
