package io.dialright.dialer.rules;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The time zones a callee may be in. One zone when the customer confirmed it or the number tells it; several
 * (ambiguous) for numbers that do not, such as Russian mobiles: then only hours allowed in every zone count.
 *
 * @param zones     sorted by id, no duplicates; empty when nothing is known
 * @param ambiguous more than one zone
 * @param confirmed the zone comes from the contact (the customer confirmed it), not from the number
 */
public record CalleeZones(List<ZoneId> zones, boolean ambiguous, boolean confirmed) {

    private static final Comparator<ZoneId> BY_ID = Comparator.comparing(ZoneId::getId);

    public CalleeZones {
        zones = zones == null ? List.of()
                : zones.stream().filter(Objects::nonNull).distinct().sorted(BY_ID).toList();
    }

    /**
     * The zones of a callee. A valid confirmed zone wins. Otherwise libphonenumber's zones for the number
     * ({@code numberZones}) are narrowed to those of the number's own country ({@code region}): libphonenumber gives
     * a Russian mobile 16 zones including {@code Europe/Bucharest}, and a Kazakh +7 7xx mobile the same Russian list.
     * When narrowing leaves nothing, the country's own zones are kept (if the table knows any), else the number's;
     * with no zone from the number, the country's zones. Invalid ids are dropped, never thrown.
     *
     * @param confirmedZone IANA id the contact holds, or {@code null}
     * @param region        ISO 3166 region of the number ({@code RU}), or {@code null}
     * @param numberZones   libphonenumber's zones for the number, or {@code null}
     */
    public static CalleeZones of(String confirmedZone, String region, List<String> numberZones) {
        ZoneId confirmed = CountryZones.zoneId(confirmedZone).orElse(null);
        if (confirmed != null) {
            return new CalleeZones(List.of(confirmed), false, true);
        }
        CountryZones table = CountryZones.standard();
        List<ZoneId> fromNumber = new ArrayList<>();
        if (numberZones != null) {
            numberZones.forEach(id -> CountryZones.zoneId(id).ifPresent(fromNumber::add));
        }
        List<ZoneId> ofCountry = table.zonesOf(region);
        List<ZoneId> zones;
        if (fromNumber.isEmpty()) {
            zones = ofCountry;
        } else {
            Set<String> countryIds = ofCountry.stream().map(zone -> table.canonical(zone.getId()))
                    .collect(Collectors.toSet());
            List<ZoneId> narrowed = fromNumber.stream()
                    .filter(zone -> countryIds.contains(table.canonical(zone.getId()))).toList();
            zones = !narrowed.isEmpty() ? narrowed : !ofCountry.isEmpty() ? ofCountry : fromNumber;
        }
        List<ZoneId> distinct = distinctByCanonical(zones, table);
        return new CalleeZones(distinct, distinct.size() > 1, false);
    }

    /** A zone the customer confirmed. */
    public static CalleeZones confirmed(ZoneId zone) {
        return new CalleeZones(List.of(zone), false, true);
    }

    /**
     * A stable key of the zone set (the sorted ids, comma-separated; empty when unknown), to evaluate the hours once
     * for every callee with the same zones.
     */
    public String key() {
        return zones.stream().map(ZoneId::getId).collect(Collectors.joining(","));
    }

    public boolean unknown() {
        return zones.isEmpty();
    }

    /** Two names of one zone ({@code Europe/Kiev}, {@code Europe/Kyiv}) are one candidate, not an ambiguity. */
    private static List<ZoneId> distinctByCanonical(List<ZoneId> zones, CountryZones table) {
        Map<String, ZoneId> byCanonical = new LinkedHashMap<>();
        for (ZoneId zone : zones.stream().sorted(BY_ID).toList()) {
            String canonical = table.canonical(zone.getId());
            ZoneId kept = byCanonical.get(canonical);
            if (kept == null || zone.getId().equals(canonical)) {
                byCanonical.put(canonical, zone);
            }
        }
        return List.copyOf(byCanonical.values());
    }
}
