package io.dialright.dialer.rules;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A span of local wall-clock time within one day, {@code from} included, {@code to} excluded; {@code from < to}, so
 * a range never crosses midnight. In JSON it is a pair of {@code "HH:mm"} strings: {@code ["09:00","13:00"]}.
 */
public record TimeRange(LocalTime from, LocalTime to) {

    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("HH:mm");

    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("A time range must start before it ends: " + from + "-" + to);
        }
    }

    /** Parses {@code "09:00"}, {@code "13:00"}; exactly two digits each, 00:00 to 23:59. */
    public static TimeRange of(String from, String to) {
        return new TimeRange(parseTime(from), parseTime(to));
    }

    /** {@code "HH:mm"} strictly (no seconds); {@link IllegalArgumentException} with a message for the client. */
    public static LocalTime parseTime(String text) {
        if (text == null || !HH_MM.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a time of day as \"HH:mm\" from \"00:00\" to "
                    + "\"23:59\"");
        }
        try {
            return LocalTime.parse(text, FORMAT);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time of day as \"HH:mm\"", e);
        }
    }

    /** From the JSON pair {@code ["09:00","13:00"]}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TimeRange fromJson(List<String> pair) {
        if (pair == null || pair.size() != 2) {
            throw new IllegalArgumentException("A time range is a pair [\"HH:mm\", \"HH:mm\"]");
        }
        return of(pair.get(0), pair.get(1));
    }

    /** As the JSON pair {@code ["09:00","13:00"]}. */
    @JsonValue
    public List<String> toJson() {
        return List.of(FORMAT.format(from), FORMAT.format(to));
    }

    public boolean contains(LocalTime time) {
        return !time.isBefore(from) && time.isBefore(to);
    }

    public boolean overlaps(TimeRange other) {
        return from.isBefore(other.to) && other.from.isBefore(to);
    }

    /** The common part, or {@code null} when the two do not overlap. */
    public TimeRange intersect(TimeRange other) {
        LocalTime start = from.isAfter(other.from) ? from : other.from;
        LocalTime end = to.isBefore(other.to) ? to : other.to;
        return start.isBefore(end) ? new TimeRange(start, end) : null;
    }

    /** {@code 09:00–13:00}. */
    @Override
    public String toString() {
        return FORMAT.format(from) + "–" + FORMAT.format(to);
    }
}
