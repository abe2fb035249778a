package io.dialright.dialer.rules;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.dialright.platform.problem.Problem.FieldError;
import io.dialright.platform.problem.ProblemException;

/** Checks a {@link RulesetRequest} and turns it into {@link RulesetContent}; every mistake is listed at once. */
public final class RulesetValidator {

    /** Ruleset ids: lower-case letters, digits and dashes. */
    public static final Pattern ID = Pattern.compile("[a-z0-9-]{2,64}");

    static final int MAX_RANGES_PER_DAY = 24;
    static final int MAX_HOLIDAYS = 1000;
    static final int MAX_NAME = 200;
    static final int MAX_RULE = 2000;
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final String PAIR = "must be a list of [\"HH:mm\", \"HH:mm\"] pairs (an empty list for no calls)";

    private final List<FieldError> errors = new ArrayList<>();

    private RulesetValidator() {
    }

    public static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** The content of a valid request; else a 400 problem with {@code errors: [{field, message}]}. */
    public static RulesetContent validate(RulesetRequest request) {
        RulesetValidator validator = new RulesetValidator();
        RulesetContent content = validator.check(request);
        if (!validator.errors.isEmpty()) {
            throw new ProblemException(400, "Invalid ruleset", "The ruleset has " + validator.errors.size()
                    + (validator.errors.size() == 1 ? " mistake" : " mistakes") + ": see errors.", validator.errors);
        }
        return content;
    }

    private RulesetContent check(RulesetRequest request) {
        String name = request.name() == null ? null : request.name().strip();
        if (name == null || name.isEmpty()) {
            error("name", "is required: a short name people recognise, e.g. \"Russia: weekdays without lunch\"");
        } else if (name.length() > MAX_NAME) {
            error("name", "must be at most " + MAX_NAME + " characters");
        }
        String rule = request.rule() == null || request.rule().isBlank() ? null : request.rule().strip();
        if (rule != null && rule.length() > MAX_RULE) {
            error("rule", "must be at most " + MAX_RULE + " characters");
        }
        String country = country(request.country());
        Map<String, List<TimeRange>> hours = hours(request.hours());
        List<LocalDate> holidays = holidays(request.holidays());
        List<TimeRange> holidayHours = request.holidayHours() == null || request.holidayHours().isNull()
                ? List.of() : ranges("holidayHours", request.holidayHours());
        int attempts = required("maxAttemptsPer7Days", request.maxAttemptsPer7Days(), 1, 1000);
        int coolOff = required("coolOffDays", request.coolOffDays(), 0, 3650);
        int gap = required("minGapMinutes", request.minGapMinutes(), 0, 10_080);
        int lock = required("otherOperatorLockHours", request.otherOperatorLockHours(), 0, 8760);
        Integer perDay = optional("maxConversationsPerDay", request.maxConversationsPerDay(), 1, 1000);
        Integer per7 = optional("maxConversationsPer7Days", request.maxConversationsPer7Days(), 1, 1000);
        Integer per30 = optional("maxConversationsPer30Days", request.maxConversationsPer30Days(), 1, 1000);
        Integer attempts30 = optional("maxAttemptsPer30Days", request.maxAttemptsPer30Days(), 1, 1000);
        Integer refusal = optional("daysAfterRefusal", request.daysAfterRefusal(), 0, 3650);
        return new RulesetContent(name, country, rule, hours, holidays, holidayHours, attempts, coolOff, gap, lock,
                perDay, per7, per30, attempts30, refusal);
    }

    private String country(String country) {
        if (country == null || country.isBlank()) {
            return null;
        }
        String code = country.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(code)) {
            error("country", "'" + country + "' is not an ISO 3166 country code such as RU, US or FR");
            return null;
        }
        return code;
    }

    private Map<String, List<TimeRange>> hours(JsonNode hours) {
        Map<String, List<TimeRange>> week = new LinkedHashMap<>();
        if (hours == null || hours.isNull()) {
            error("hours", "is required: an object with the allowed times per weekday, e.g. {\"MON\": "
                    + "[[\"09:00\", \"13:00\"], [\"14:00\", \"20:00\"]], …, \"SUN\": []}");
            return week;
        }
        if (!hours.isObject()) {
            error("hours", "must be an object with the keys MON, TUE, WED, THU, FRI, SAT, SUN");
            return week;
        }
        for (Map.Entry<String, JsonNode> day : hours.properties()) {
            if (!RulesetContent.DAY_KEYS.contains(day.getKey())) {
                error("hours." + day.getKey(), "is not a weekday: use MON, TUE, WED, THU, FRI, SAT or SUN");
                continue;
            }
            week.put(day.getKey(), ranges("hours." + day.getKey(), day.getValue()));
        }
        Map<String, List<TimeRange>> ordered = new LinkedHashMap<>();
        for (String key : RulesetContent.DAY_KEYS) {
            ordered.put(key, week.getOrDefault(key, List.of()));
        }
        return ordered;
    }

    private List<TimeRange> ranges(String field, JsonNode node) {
        if (node == null || !node.isArray()) {
            error(field, PAIR);
            return List.of();
        }
        if (node.size() > MAX_RANGES_PER_DAY) {
            error(field, "may hold at most " + MAX_RANGES_PER_DAY + " ranges");
            return List.of();
        }
        List<TimeRange> ranges = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String path = field + "[" + i + "]";
            JsonNode pair = node.get(i);
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual() || !pair.get(1).isTextual()) {
                error(path, "must be a pair [\"HH:mm\", \"HH:mm\"], e.g. [\"09:00\", \"13:00\"]");
                continue;
            }
            TimeRange range = range(path, pair.get(0).asText(), pair.get(1).asText());
            if (range == null) {
                continue;
            }
            TimeRange clash = ranges.stream().filter(range::overlaps).findFirst().orElse(null);
            if (clash != null) {
                error(path, range + " overlaps " + clash + " of the same day");
                continue;
            }
            ranges.add(range);
        }
        return ranges;
    }

    private TimeRange range(String path, String from, String to) {
        try {
            LocalTime start = TimeRange.parseTime(from);
            LocalTime end = TimeRange.parseTime(to);
            if (!start.isBefore(end)) {
                error(path, "starts at " + from + " but ends at " + to + ": the start must come before the end "
                        + "(a range cannot cross midnight; use 23:59 for the end of the day)");
                return null;
            }
            return new TimeRange(start, end);
        } catch (IllegalArgumentException e) {
            error(path, e.getMessage());
            return null;
        }
    }

    private List<LocalDate> holidays(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            error("holidays", "must be a list of dates as \"yyyy-MM-dd\"");
            return List.of();
        }
        if (node.size() > MAX_HOLIDAYS) {
            error("holidays", "may hold at most " + MAX_HOLIDAYS + " dates");
            return List.of();
        }
        TreeSet<LocalDate> days = new TreeSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode day = node.get(i);
            try {
                if (!day.isTextual()) {
                    throw new DateTimeParseException("not a string", day.toString(), 0);
                }
                days.add(LocalDate.parse(day.asText()));
            } catch (DateTimeParseException e) {
                error("holidays[" + i + "]", "'" + day.asText() + "' is not a date as \"yyyy-MM-dd\", e.g. "
                        + "\"2027-01-01\"");
            }
        }
        return List.copyOf(days);
    }

    private int required(String field, Integer value, int min, int max) {
        if (value == null) {
            error(field, "is required");
            return min;
        }
        return inRange(field, value, min, max, "") ? value : min;
    }

    private Integer optional(String field, Integer value, int min, int max) {
        if (value == null) {
            return null;
        }
        String hint = min == 1 && value == 0
                ? " (a limit of 0 would forbid every call; leave the field out for no limit)" : "";
        return inRange(field, value, min, max, hint) ? value : null;
    }

    private boolean inRange(String field, int value, int min, int max, String hint) {
        if (value < min || value > max) {
            error(field, "must be between " + min + " and " + max + hint);
            return false;
        }
        return true;
    }

    private void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }
}
