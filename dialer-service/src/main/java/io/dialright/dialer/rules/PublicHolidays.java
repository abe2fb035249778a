package io.dialright.dialer.rules;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The {@code public_holiday} table as a {@link HolidayCalendar}, read once on first use: the days change only by
 * migration, which comes with a restart.
 */
@ApplicationScoped
public class PublicHolidays implements HolidayCalendar {

    private final DataSource dataSource;
    private volatile HolidayCalendar loaded;

    public PublicHolidays(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String holiday(String country, LocalDate day) {
        HolidayCalendar calendar = loaded;
        if (calendar == null) {
            calendar = load();
        }
        return calendar.holiday(country, day);
    }

    private synchronized HolidayCalendar load() {
        if (loaded != null) {
            return loaded;
        }
        Map<String, Map<LocalDate, String>> days = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT country, day, name FROM public_holiday")) {
            while (row.next()) {
                days.computeIfAbsent(row.getString(1).trim(), country -> new HashMap<>())
                        .put(row.getObject(2, LocalDate.class), row.getString(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the public holidays", e);
        }
        loaded = HolidayCalendar.of(days);
        return loaded;
    }
}
