package io.dialright.contact.lookup;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialright.contact.domain.Contact;
import io.dialright.contact.domain.ContactPhone;
import io.dialright.contact.domain.ContactSource;
import io.dialright.contact.domain.ContactStatus;

/**
 * What a caller-ID lookup reads, with plain JDBC on one pooled connection without a transaction: the contacts
 * holding the number with all their numbers, then the caller's latest calls with the counts behind the signals. A
 * lookup is the one read on the path of a ringing phone, asked for by the telephony platform for every inbound call,
 * so it skips what a Hibernate read costs (a transaction, a persistence context, a flush). The contacts it returns
 * are detached copies: nothing written to them is ever stored.
 */
@ApplicationScoped
public class CallerReader {

    private static final TypeReference<List<ContactSource>> SOURCES = new TypeReference<>() {
    };
    /** Reads of the holders before a lookup settles for what it found (see {@link #holders}). */
    private static final int READ_ATTEMPTS = 3;

    /*
     * Single-table statements with one scalar parameter each, rather than one join (or "= ANY (array)"): PostgreSQL
     * kept planning those again for nearly every execution on the service's connections (pg_stat_statements: a
     * 0.5 ms plan for a 0.3 ms join; every "= ANY" execution planned) where these keep a cached generic plan. A
     * number usually has one holder: four short statements in all, with the history.
     */
    private static final String HOLDER_IDS = "SELECT contact_id FROM contact_phone WHERE phone_hash = ?";

    private static final String CONTACT = """
            SELECT id, name, email, status, tags, sources::text, team, time_zone, preferred_from, preferred_to,
                   last_contact_at, created_by, created_at, updated_at, version
            FROM contact WHERE id = ? AND erased_at IS NULL""";

    private static final String PHONES = """
            SELECT contact_id, id, position, phone_hash, ciphertext, key_id, masked, type, region, time_zones, label,
                   comment, last_confirmed_at, created_at
            FROM contact_phone WHERE contact_id = ?
            ORDER BY position""";

    /** The latest calls; every row also carries the counts over all the caller's calls (window aggregates). */
    private static final String HISTORY = """
            SELECT call_id, direction, outcome, operator_id, campaign_id, reason, duration_sec, recording_ref,
                   occurred_at,
                   count(*) FILTER (WHERE occurred_at >= ?) OVER (),
                   count(*) FILTER (WHERE outcome = 'COMPLAINT' AND occurred_at >= ?) OVER (),
                   max(occurred_at) FILTER (WHERE outcome = 'COMPLAINT') OVER (),
                   max(occurred_at) FILTER (WHERE outcome = 'RESOLVED') OVER (),
                   max(occurred_at) OVER ()
            FROM interaction WHERE contact_id = ? OR phone_hash = ?
            ORDER BY occurred_at DESC LIMIT ?""";

    /** The caller's history: the latest calls, newest first, and the signals' counts over all of them. */
    public record History(List<Interaction> recent, CallerSignals signals) {
    }

    private final DataSource dataSource;
    private final ObjectMapper json;

    public CallerReader(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Everything a lookup shows of a caller: the holders of the number, oldest first, and the history. */
    public record Caller(List<Contact> holders, History history) {

        /** The contact the card shows, or null for a number no live contact holds. */
        public Contact card() {
            return holders.isEmpty() ? null : holders.get(0);
        }
    }

    /**
     * Reads the caller on one pooled connection: the live contacts holding the number with this blind index, each
     * with all its numbers, then the calls with the first of them or with the number.
     */
    public Caller read(String phoneHash, Instant frequentSince, Instant complaintsSince, int recentLimit) {
        try (Connection connection = dataSource.getConnection()) {
            List<Contact> holders = holders(connection, phoneHash);
            UUID contactId = holders.isEmpty() ? null : holders.get(0).id;
            return new Caller(holders, history(connection, contactId, phoneHash, frequentSince, complaintsSince,
                    recentLimit));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a caller", e);
        }
    }

    /**
     * The holders, read again (up to {@value #READ_ATTEMPTS} times) when none of them still holds the number: the
     * statements see one committed state each, and a merge or erasure committed between them would otherwise make a
     * known caller look unknown.
     */
    private List<Contact> holders(Connection connection, String phoneHash) throws SQLException {
        List<Contact> holders = List.of();
        for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
            Set<UUID> ids = holderIds(connection, phoneHash);
            if (ids.isEmpty()) {
                return List.of();
            }
            holders = new ArrayList<>(ids.size());
            for (UUID id : ids) {
                Contact holder = contact(connection, id);
                if (holder != null) {
                    holders.add(holder);
                }
            }
            if (holders.stream().anyMatch(holder -> holds(holder, phoneHash))) {
                break;
            }
        }
        holders.sort(Comparator.comparing((Contact holder) -> holder.createdAt).thenComparing(holder -> holder.id));
        return holders;
    }

    private static Set<UUID> holderIds(Connection connection, String phoneHash) throws SQLException {
        // A set: one id per contact, whatever its rows.
        Set<UUID> ids = new LinkedHashSet<>(2);
        try (PreparedStatement statement = connection.prepareStatement(HOLDER_IDS)) {
            statement.setString(1, phoneHash);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    private static boolean holds(Contact contact, String phoneHash) {
        return contact.phones.stream().anyMatch(phone -> phone.phoneHash.equals(phoneHash));
    }

    /** The live contact with all its numbers, or null if it was erased. */
    private Contact contact(Connection connection, UUID id) throws SQLException {
        Contact contact;
        try (PreparedStatement statement = connection.prepareStatement(CONTACT)) {
            statement.setObject(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                contact = contact(rows);
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(PHONES)) {
            statement.setObject(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    contact.phones.add(phone(rows, contact));
                }
            }
        }
        return contact;
    }

    /** Calls with the contact or with the number (a caller may have called before they were a contact). */
    private static History history(Connection connection, UUID contactId, String phoneHash, Instant frequentSince,
                                   Instant complaintsSince, int recentLimit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(HISTORY)) {
            statement.setTimestamp(1, Timestamp.from(frequentSince));
            statement.setTimestamp(2, Timestamp.from(complaintsSince));
            if (contactId == null) {
                statement.setNull(3, Types.OTHER);
            } else {
                statement.setObject(3, contactId);
            }
            statement.setString(4, phoneHash);
            // At least one row when there is any call, so the counts are read even when no call is to be shown.
            statement.setInt(5, Math.max(1, recentLimit));
            List<Interaction> recent = new ArrayList<>();
            CallerSignals signals = new CallerSignals(0, 0, false, null);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (recent.isEmpty()) {
                        signals = signals(rows);
                    }
                    recent.add(new Interaction(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6),
                            (Integer) rows.getObject(7), rows.getString(8), instant(rows.getTimestamp(9))));
                }
            }
            return new History(recent.subList(0, Math.min(recent.size(), recentLimit)), signals);
        }
    }

    private static CallerSignals signals(ResultSet row) throws SQLException {
        Instant lastComplaint = instant(row.getTimestamp(12));
        Instant lastResolved = instant(row.getTimestamp(13));
        boolean open = lastComplaint != null && (lastResolved == null || lastResolved.isBefore(lastComplaint));
        return new CallerSignals(row.getLong(10), row.getLong(11), open, instant(row.getTimestamp(14)));
    }

    private Contact contact(ResultSet row) throws SQLException {
        Contact contact = new Contact();
        contact.id = row.getObject(1, UUID.class);
        contact.name = row.getString(2);
        contact.email = row.getString(3);
        contact.status = ContactStatus.valueOf(row.getString(4));
        contact.tags = strings(row.getArray(5));
        contact.sources = sources(row.getString(6));
        contact.team = row.getString(7);
        contact.timeZone = row.getString(8);
        contact.preferredFrom = row.getObject(9, LocalTime.class);
        contact.preferredTo = row.getObject(10, LocalTime.class);
        contact.lastContactAt = instant(row.getTimestamp(11));
        contact.createdBy = row.getString(12);
        contact.createdAt = instant(row.getTimestamp(13));
        contact.updatedAt = instant(row.getTimestamp(14));
        contact.version = row.getLong(15);
        return contact;
    }

    private static ContactPhone phone(ResultSet row, Contact contact) throws SQLException {
        ContactPhone phone = new ContactPhone();
        phone.id = row.getObject(2, UUID.class);
        phone.contact = contact;
        phone.position = row.getInt(3);
        phone.phoneHash = row.getString(4);
        phone.ciphertext = row.getBytes(5);
        phone.keyId = row.getString(6);
        phone.masked = row.getString(7);
        phone.type = row.getString(8);
        phone.region = row.getString(9);
        phone.timeZones = strings(row.getArray(10));
        phone.label = row.getString(11);
        phone.comment = row.getString(12);
        phone.lastConfirmedAt = instant(row.getTimestamp(13));
        phone.createdAt = instant(row.getTimestamp(14));
        return phone;
    }

    private List<ContactSource> sources(String text) {
        try {
            return json.readValue(text, SOURCES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A contact's sources are not the JSON list they must be", e);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList((String[]) array.getArray()));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
