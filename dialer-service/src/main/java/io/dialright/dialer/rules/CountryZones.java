package io.dialright.dialer.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which IANA zones belong to which country, and which zone names are aliases of which zone: read once from
 * {@code rules/country-zones.tsv} and {@code rules/zone-aliases.tsv} (generated from tzdata; see their headers).
 * Zones the running JDK does not know are left out.
 */
public final class CountryZones {

    private static final CountryZones STANDARD = new CountryZones(
            read("/rules/country-zones.tsv"), read("/rules/zone-aliases.tsv"));

    private final Map<String, List<ZoneId>> byCountry;
    private final Map<String, String> aliases;

    private CountryZones(List<String[]> countries, List<String[]> aliasRows) {
        Map<String, List<ZoneId>> zones = new HashMap<>();
        for (String[] row : countries) {
            List<ZoneId> known = new ArrayList<>();
            for (String id : row[1].trim().split(" +")) {
                zoneId(id).ifPresent(known::add);
            }
            zones.put(row[0], List.copyOf(known));
        }
        Map<String, String> links = new HashMap<>();
        for (String[] row : aliasRows) {
            links.put(row[0], row[1]);
        }
        this.byCountry = Map.copyOf(zones);
        this.aliases = Map.copyOf(links);
    }

    /** The table shipped with the service. */
    public static CountryZones standard() {
        return STANDARD;
    }

    /** The zones of an ISO 3166 country ({@code RU}); empty for an unknown code or {@code null}. */
    public List<ZoneId> zonesOf(String country) {
        return country == null ? List.of() : byCountry.getOrDefault(country, List.of());
    }

    /** Whether the table knows the country (every ISO 3166 country with a time zone). */
    public boolean knows(String country) {
        return country != null && byCountry.containsKey(country);
    }

    /** The zone an alias links to ({@code Asia/Calcutta} → {@code Asia/Kolkata}); any other id unchanged. */
    public String canonical(String zoneId) {
        return aliases.getOrDefault(zoneId, zoneId);
    }

    /** A zone the JDK knows, or empty: invalid ids are dropped, never thrown. */
    static Optional<ZoneId> zoneId(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(id.strip()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static List<String[]> read(String resource) {
        try (InputStream in = CountryZones.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            List<String[]> rows = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                if (columns.length == 2) {
                    rows.add(columns);
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
