package io.dialright.contact.lookup;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.dialright.contact.config.ContactConfig;
import io.dialright.contact.crypto.PhoneVault;
import io.dialright.contact.domain.Contact;
import io.dialright.contact.domain.ContactPhone;
import io.dialright.contact.domain.ContactSource;
import io.dialright.contact.domain.ContactStatus;
import io.dialright.contact.domain.OtherIdentity;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a caller-ID lookup reads, with plain JDBC on one pooled connection: the contacts holding the number, all their
 * numbers, the caller's latest calls with the counts behind the signals, and the number's consent summary. A lookup
 * is the one read on the path of a ringing phone, asked for by the telephony platform for every inbound call, so it
 * skips what a Hibernate read costs (a persistence context, a flush) and sends its statements in one round trip, in
 * one read-only transaction that sees one snapshot. The contacts it returns are detached copies: nothing written to them is ever stored.
 */
@ApplicationScoped
public class CallerReader {

    private static final TypeReference<List<ContactSource>> SOURCES = new TypeReference<>() {
    };
    private static final TypeReference<List<OtherIdentity>> OTHER_IDENTITIES = new TypeReference<>() {
    };

    /*
     * One snapshot for the reads: a merge or an erasure committed in between cannot make a known caller look
     * unknown or give a card the numbers of another contact.
     *
     * Generic plans only, for this transaction: PostgreSQL chooses per connection between planning a prepared
     * statement for each execution ("custom") and reusing one plan ("generic"), by comparing costs it estimated when
     * the statement was first used. A connection that first ran these statements before the tables had statistics
     * (right after a large import, before autovacuum analysed them) kept planning them for every execution from then
     * on: measured in the lookup benchmark, every lookup on such a connection planned all three (about 0.5 ms of
     * PostgreSQL's CPU, twice what executing them costs), connections opened after the analysis did not. These
     * statements look rows up by equality on indexed columns, for which one plan fits every value.
     *
     * The transaction is opened and committed by the statements themselves, on a connection in auto-commit mode: the
     * driver sends them all with one synchronisation, so begin, reads and commit are one round trip (the driver's own
     * transaction handling needed a second one for the commit).
     */
    private static final String BEGIN = """
            BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;
            SET LOCAL plan_cache_mode = force_generic_plan""";

    /*
     * Every statement finds the holders itself ("= ANY (ARRAY(sub-select))", evaluated once per execution), so the
     * three go out together without waiting for the holders' ids; each reads one table with the others in
     * sub-selects, a plan PostgreSQL makes in a fraction of the time a join of these tables takes.
     */
    private static final String HOLDER_IDS =
            "ARRAY(SELECT contact_id FROM contact_phone WHERE phone_hash = ?)";

    /** The live contacts holding the number, oldest first: the card shows the first. */
    private static final String LIVE_HOLDERS = """
            FROM contact WHERE id = ANY (%s) AND erased_at IS NULL
            ORDER BY created_at, id""".formatted(HOLDER_IDS);

    private static final String HOLDERS = """
            SELECT id, name, email, status, tags, sources::text, team, time_zone, preferred_from, preferred_to,
                   last_contact_at, created_by, created_at, updated_at, version, other_identities::text
            """ + LIVE_HOLDERS;

    /** All numbers of the contacts holding the number (of erased ones too: they are dropped with their contact). */
    private static final String PHONES = """
            SELECT contact_id, id, position, phone_hash, ciphertext, key_id, masked, type, region, time_zones, label,
                   comment, last_confirmed_at, created_at
            FROM contact_phone WHERE contact_id = ANY (%s)
            ORDER BY position""".formatted(HOLDER_IDS);

    /**
     * The latest calls with the first live holder or with the number (a caller may have called before they were a
     * contact); every row also carries the counts over all the caller's calls (window aggregates).
     */
    private static final String HISTORY = """
            SELECT call_id, direction, outcome, operator_id, campaign_id, reason, duration_sec, recording_ref,
                   occurred_at,
                   count(*) FILTER (WHERE occurred_at >= ?) OVER (),
                   count(*) FILTER (WHERE outcome = 'COMPLAINT' AND occurred_at >= ?) OVER (),
                   max(occurred_at) FILTER (WHERE outcome = 'COMPLAINT') OVER (),
                   max(occurred_at) FILTER (WHERE outcome = 'RESOLVED') OVER (),
                   max(occurred_at) OVER (),
                   min(occurred_at) FILTER (WHERE occurred_at >= ?) OVER (),
                   min(occurred_at) FILTER (WHERE outcome = 'COMPLAINT' AND occurred_at >= ?) OVER (),
                   id, recording_key_id, recording_ref_sealed
            FROM interaction
            WHERE contact_id = (SELECT id %s LIMIT 1)
               OR phone_hash = ?
            ORDER BY occurred_at DESC LIMIT ?""".formatted(LIVE_HOLDERS);

    /** The number's consent summary: the latest consent of each purpose and channel, and its stop-list entry. */
    private static final String CONSENTS = """
            SELECT purpose, channel, legal_basis, status, valid_until, changed_at
            FROM caller_consent WHERE phone_hash = ?
            ORDER BY purpose, channel""";

    /** The stop-list entry in force, if any, and whether the number was erased: one row, always. */
    private static final String STOP_LISTING_AND_ERASURE = """
            SELECT s.channel, s.recorded_at, EXISTS (SELECT 1 FROM erased_number WHERE phone_hash = ?)
            FROM (SELECT 1) AS one LEFT JOIN caller_stop_listing s ON s.phone_hash = ?""";

    /** All as one string: the driver sends them together, one round trip for the lookup's transaction. */
    private static final String CALLER = String.join(";\n", BEGIN, HOLDERS, PHONES, HISTORY, CONSENTS,
            STOP_LISTING_AND_ERASURE, "COMMIT");

    /**
     * The caller's history: the latest calls, newest first, and the signals' counts over all of them.
     *
     * @param oldestFrequent  the oldest call within the "frequent" window, or null: it leaves the window first
     * @param oldestComplaint the oldest complaint within the complaints window, or null
     */
    public record History(List<Interaction> recent, CallerSignals signals, Instant oldestFrequent,
                          Instant oldestComplaint) {

        /**
         * When the counts stop being true with no new call: the moment the oldest call counted leaves its window
         * (null if none is counted). Until then the signals and the routing read from this history stay right.
         */
        public Instant countsTrueUntil(Duration frequentWindow, Duration complaintsWindow) {
            Instant frequentUntil = oldestFrequent == null ? null : oldestFrequent.plus(frequentWindow);
            Instant complaintsUntil = oldestComplaint == null ? null : oldestComplaint.plus(complaintsWindow);
            if (frequentUntil == null || complaintsUntil == null) {
                return frequentUntil == null ? complaintsUntil : frequentUntil;
            }
            return frequentUntil.isBefore(complaintsUntil) ? frequentUntil : complaintsUntil;
        }
    }

    private final DataSource dataSource;
    private final PhoneVault vault;
    /** A reader bound to the sources' type once, rather than resolving the type for every contact read. */
    private final ObjectReader sourcesReader;
    private final ObjectReader otherIdentitiesReader;
    /** Turns to read: {@code dialright.contact.lookup-concurrent-reads} lookups read at once, the others wait. */
    private final Semaphore turns;
    private final long turnTimeoutMillis;

    @Inject
    public CallerReader(DataSource dataSource, PhoneVault vault, ObjectMapper json, ContactConfig config,
                        @ConfigProperty(name = "quarkus.datasource.jdbc.acquisition-timeout") Duration turnTimeout) {
        this(dataSource, vault, json, config.lookupConcurrentReads(), turnTimeout);
    }

    /** A reader with its own turns, on any data source (tests read on one given connection). */
    public CallerReader(DataSource dataSource, PhoneVault vault, ObjectMapper json, int concurrentReads,
                        Duration turnTimeout) {
        this.dataSource = dataSource;
        this.vault = vault;
        this.sourcesReader = json.readerFor(SOURCES);
        this.otherIdentitiesReader = json.readerFor(OTHER_IDENTITIES);
        this.turns = new Semaphore(concurrentReads);
        this.turnTimeoutMillis = turnTimeout.toMillis();
    }

    /**
     * Everything a lookup shows of a caller: the live holders of the number, oldest first, the history and what
     * consent-service announced about the number.
     */
    public record Caller(List<Contact> holders, History history, CallerConsents consents) {

        /** The contact the card shows, or null for a number no live contact holds. */
        public Contact card() {
            return holders.isEmpty() ? null : holders.get(0);
        }
    }

    /**
     * Reads the caller on one pooled connection, in one read-only transaction sent in one round trip with its commit,
     * and hands the connection back as it found it: auto-commit on, the transaction and its settings ended.
     */
    public Caller read(String phoneHash, Instant frequentSince, Instant complaintsSince, int recentLimit) {
        awaitTurn();
        try {
            return readNow(phoneHash, frequentSince, complaintsSince, recentLimit);
        } finally {
            turns.release();
        }
    }

    /**
     * Waits as long as the pool would for a connection, and fails as it would: a lookup that cannot read in time is
     * answered as one that found the database out of reach.
     */
    private void awaitTurn() {
        try {
            if (!turns.tryAcquire(turnTimeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Could not read a caller", new SQLTransientConnectionException(
                        "No turn to read within " + turnTimeoutMillis + " ms: lookups arrive faster than the database "
                                + "answers them", "08001"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to read a caller", e);
        }
    }

    private Caller readNow(String phoneHash, Instant frequentSince, Instant complaintsSince, int recentLimit) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getAutoCommit()) {
                // Inside a caller's transaction, the COMMIT below would end that transaction early.
                throw new IllegalStateException("A caller is read in a transaction of its own, not in another's");
            }
            try (PreparedStatement statement = connection.prepareStatement(CALLER)) {
                statement.setString(1, phoneHash);
                statement.setString(2, phoneHash);
                statement.setObject(3, frequentSince.atOffset(ZoneOffset.UTC));
                statement.setObject(4, complaintsSince.atOffset(ZoneOffset.UTC));
                statement.setObject(5, frequentSince.atOffset(ZoneOffset.UTC));
                statement.setObject(6, complaintsSince.atOffset(ZoneOffset.UTC));
                statement.setString(7, phoneHash);
                statement.setString(8, phoneHash);
                // At least one row when there is any call, so the counts are read even when no call is to be shown.
                statement.setInt(9, Math.max(1, recentLimit));
                statement.setString(10, phoneHash);
                statement.setString(11, phoneHash);
                statement.setString(12, phoneHash);
                return read(statement, recentLimit);
            } catch (SQLException | RuntimeException | Error e) {
                rollBack(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a caller", e);
        }
    }

    /**
     * After a failed statement PostgreSQL skips the rest, the commit included, and leaves the transaction open and
     * aborted: it is ended here, or the connection's next user would meet it. (After a failure of our own, once the
     * commit has run, this rollback finds no transaction and does nothing.)
     */
    private static void rollBack(Connection connection, Throwable failure) {
        try (Statement rollback = connection.createStatement()) {
            rollback.execute("ROLLBACK");
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private Caller read(PreparedStatement statement, int recentLimit) throws SQLException {
        Map<UUID, Contact> holders = new LinkedHashMap<>(2);
        try (ResultSet rows = nextRows(statement, statement.execute())) {
            while (rows.next()) {
                Contact contact = contact(rows);
                holders.put(contact.id, contact);
            }
        }
        try (ResultSet rows = nextRows(statement, statement.getMoreResults())) {
            while (rows.next()) {
                Contact holder = holders.get(rows.getObject(1, UUID.class));
                if (holder != null) {
                    holder.phones.add(phone(rows, holder));
                }
            }
        }
        History history;
        try (ResultSet rows = nextRows(statement, statement.getMoreResults())) {
            history = history(rows, recentLimit);
        }
        List<CallerConsents.Consent> consents = new ArrayList<>();
        try (ResultSet rows = nextRows(statement, statement.getMoreResults())) {
            while (rows.next()) {
                consents.add(new CallerConsents.Consent(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getString(4), instant(rows, 5), instant(rows, 6)));
            }
        }
        CallerConsents.StopListing stopListing;
        boolean erased;
        try (ResultSet rows = nextRows(statement, statement.getMoreResults())) {
            rows.next();
            String channel = rows.getString(1);
            stopListing = channel == null ? null : new CallerConsents.StopListing(channel, instant(rows, 2));
            erased = rows.getBoolean(3);
        }
        return new Caller(new ArrayList<>(holders.values()), history,
                new CallerConsents(consents, stopListing, erased));
    }

    /** The next result that has rows, past the transaction's begin and settings (which have none). */
    private static ResultSet nextRows(PreparedStatement statement, boolean rows) throws SQLException {
        while (!rows) {
            if (statement.getUpdateCount() == -1) {
                throw new IllegalStateException("A caller's read returned fewer results than it has statements");
            }
            rows = statement.getMoreResults();
        }
        return statement.getResultSet();
    }

    private History history(ResultSet rows, int recentLimit) throws SQLException {
        List<Interaction> recent = new ArrayList<>();
        CallerSignals signals = new CallerSignals(0, 0, false, null);
        Instant oldestFrequent = null;
        Instant oldestComplaint = null;
        while (rows.next()) {
            if (recent.isEmpty()) {
                signals = signals(rows);
                oldestFrequent = instant(rows, 15);
                oldestComplaint = instant(rows, 16);
            }
            recent.add(new Interaction(rows.getString(1), rows.getString(2), rows.getString(3),
                    rows.getString(4), rows.getString(5), rows.getString(6),
                    (Integer) rows.getObject(7), recordingRef(rows), instant(rows, 9)));
        }
        return new History(recent.subList(0, Math.min(recent.size(), recentLimit)), signals, oldestFrequent,
                oldestComplaint);
    }

    /** Sealed since migration V11; a row from before holds it in clear until the re-encryption job seals it. */
    private String recordingRef(ResultSet row) throws SQLException {
        byte[] sealed = row.getBytes(19);
        return sealed == null ? row.getString(8)
                : vault.openRecordingRef(row.getObject(17, UUID.class), row.getString(18), sealed);
    }

    private static CallerSignals signals(ResultSet row) throws SQLException {
        Instant lastComplaint = instant(row, 12);
        Instant lastResolved = instant(row, 13);
        boolean open = lastComplaint != null && (lastResolved == null || lastResolved.isBefore(lastComplaint));
        return new CallerSignals(row.getLong(10), row.getLong(11), open, instant(row, 14));
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
        contact.lastContactAt = instant(row, 11);
        contact.createdBy = row.getString(12);
        contact.createdAt = instant(row, 13);
        contact.updatedAt = instant(row, 14);
        contact.version = row.getLong(15);
        contact.otherIdentities = otherIdentities(row.getString(16));
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
        phone.lastConfirmedAt = instant(row, 13);
        phone.createdAt = instant(row, 14);
        return phone;
    }

    private List<ContactSource> sources(String text) {
        try {
            return sourcesReader.readValue(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A contact's sources are not the JSON list they must be", e);
        }
    }

    /** Most contacts were never merged: their empty list is not parsed. */
    private List<OtherIdentity> otherIdentities(String text) {
        if ("[]".equals(text)) {
            return new ArrayList<>();
        }
        try {
            return otherIdentitiesReader.readValue(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A contact's other identities are not the JSON list they must be", e);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList((String[]) array.getArray()));
    }

    /**
     * A {@code timestamptz} column as an instant. Read as an {@link OffsetDateTime}, which the driver parses
     * directly ({@code getTimestamp} builds a calendar for every value).
     */
    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
