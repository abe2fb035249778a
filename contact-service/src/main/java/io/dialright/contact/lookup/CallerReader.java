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
import java.util.List;
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
 * What a caller-ID lookup reads, in two statements on a connection of its own (no transaction, no entities): the
 * contacts holding the number with all their numbers, then the caller's latest calls with the counts behind the
 * signals. A lookup is the one read on the path of a ringing phone, asked for by the telephony platform for every
 * inbound call, so it skips what a Hibernate read costs (a transaction, a persistence context, a flush).
 * The contacts it returns are detached copies: nothing written to them is ever stored.
 */
@ApplicationScoped
public class CallerReader {

    private static final TypeReference<List<ContactSource>> SOURCES = new TypeReference<>() {
    };

    private static final String HOLDERS = """
            SELECT c.id, c.name, c.email, c.status, c.tags, c.sources::text, c.team, c.time_zone, c.preferred_from,
                   c.preferred_to, c.last_contact_at, c.created_by, c.created_at, c.updated_at, c.version,
                   p.id, p.position, p.phone_hash, p.ciphertext, p.key_id, p.masked, p.type, p.region, p.time_zones,
                   p.label, p.comment, p.last_confirmed_at, p.created_at
            FROM contact c JOIN contact_phone p ON p.contact_id = c.id
            WHERE c.erased_at IS NULL
              AND c.id IN (SELECT contact_id FROM contact_phone WHERE phone_hash = ?)
            ORDER BY c.created_at, c.id, p.position""";

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

    /** Live contacts holding the number with this blind index, oldest first, each with all its numbers. */
    public List<Contact> holders(String phoneHash) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(HOLDERS)) {
            statement.setString(1, phoneHash);
            List<Contact> holders = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                Contact current = null;
                while (rows.next()) {
                    UUID id = rows.getObject(1, UUID.class);
                    if (current == null || !current.id.equals(id)) {
                        current = contact(rows, id);
                        holders.add(current);
                    }
                    current.phones.add(phone(rows, current));
                }
            }
            return holders;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the holders of a number", e);
        }
    }

    /** Calls with the contact or with the number (a caller may have called before they were a contact). */
    public History history(UUID contactId, String phoneHash, Instant frequentSince, Instant complaintsSince,
                           int recentLimit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(HISTORY)) {
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
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a caller's history", e);
        }
    }

    private static CallerSignals signals(ResultSet row) throws SQLException {
        Instant lastComplaint = instant(row.getTimestamp(12));
        Instant lastResolved = instant(row.getTimestamp(13));
        boolean open = lastComplaint != null && (lastResolved == null || lastResolved.isBefore(lastComplaint));
        return new CallerSignals(row.getLong(10), row.getLong(11), open, instant(row.getTimestamp(14)));
    }

    private Contact contact(ResultSet row, UUID id) throws SQLException {
        Contact contact = new Contact();
        contact.id = id;
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
        phone.id = row.getObject(16, UUID.class);
        phone.contact = contact;
        phone.position = row.getInt(17);
        phone.phoneHash = row.getString(18);
        phone.ciphertext = row.getBytes(19);
        phone.keyId = row.getString(20);
        phone.masked = row.getString(21);
        phone.type = row.getString(22);
        phone.region = row.getString(23);
        phone.timeZones = strings(row.getArray(24));
        phone.label = row.getString(25);
        phone.comment = row.getString(26);
        phone.lastConfirmedAt = instant(row.getTimestamp(27));
        phone.createdAt = instant(row.getTimestamp(28));
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
