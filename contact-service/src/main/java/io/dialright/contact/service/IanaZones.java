package io.dialright.contact.service;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Set;

/**
 * A customer's confirmed time zone is a region of the IANA database ({@code Europe/Moscow}), never a fixed offset
 * ({@code +03:00}, {@code GMT+3}): an offset does not follow daylight saving, so calling hours computed from it
 * would be an hour off for half the year.
 */
public final class IanaZones {

    private static final Set<String> KNOWN = ZoneId.getAvailableZoneIds();

    private IanaZones() {
    }

    /** The zone's id as the database spells it; {@code null} for a zone this is not. */
    public static String canonical(String typed) {
        try {
            String id = ZoneId.of(typed.strip()).getId();
            return KNOWN.contains(id) ? id : null;
        } catch (DateTimeException e) {
            return null;
        }
    }
}
