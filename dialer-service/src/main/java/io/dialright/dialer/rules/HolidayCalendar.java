package io.dialright.dialer.rules;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** Public holidays and official non-working days per country. */
public interface HolidayCalendar {

    /** A calendar without any holiday. */
    HolidayCalendar NONE = (country, day) -> null;

    /** The name of the holiday on {@code day} in {@code country} (ISO 3166), or {@code null} for a working day. */
    String holiday(String country, LocalDate day);

    /** A fixed calendar: country → day → name. */
    static HolidayCalendar of(Map<String, Map<LocalDate, String>> days) {
        Map<String, Map<LocalDate, String>> copy = new HashMap<>();
        days.forEach((country, names) -> copy.put(country, Map.copyOf(names)));
        Map<String, Map<LocalDate, String>> fixed = Map.copyOf(copy);
        return (country, day) -> {
            Map<LocalDate, String> names = country == null ? null : fixed.get(country);
            return names == null ? null : names.get(day);
        };
    }
}
