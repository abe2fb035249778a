package io.dialright.contact.imports;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.contact.messaging.ContactEvents;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.Topics;
import io.dialright.platform.outbox.OutboxStore;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes one batch of prepared rows in the caller's transaction: rows holding a number that is already known — in
 * the database or earlier in the batch — are duplicates and write nothing; the others go in with {@code COPY}, each
 * with its {@code ContactCreated} event. The numbers of the batch are locked as {@code POST /api/contacts} locks
 * them, so an import and a concurrent create cannot both store the same new number.
 */
@ApplicationScoped
public class ImportBatchWriter {

    /** What the batch did. */
    public record Written(int imported, int duplicates) {
    }

    /** Who imports, for which team, and the source of rows that name none. */
    public record Context(String team, Actor actor, String producer) {
    }

    private final OutboxStore outbox = new OutboxStore();

    public Written write(Connection connection, Context context, List<PreparedRow> rows, Instant now)
            throws SQLException {
        Set<String> known = lockAndFindKnown(connection, rows);
        List<PreparedRow> fresh = new ArrayList<>(rows.size());
        Set<String> inBatch = new HashSet<>();
        for (PreparedRow row : rows) {
            boolean duplicate = row.phones().stream().anyMatch(phone -> known.contains(phone.hash())
                    || inBatch.contains(phone.hash()));
            if (!duplicate) {
                row.phones().forEach(phone -> inBatch.add(phone.hash()));
                fresh.add(row);
            }
        }
        if (!fresh.isEmpty()) {
            copy(connection, fresh, context, now);
            outbox.appendForNewKeys(connection, Topics.CONTACTS, events(fresh, context, now));
        }
        return new Written(fresh.size(), rows.size() - fresh.size());
    }

    private static Set<String> lockAndFindKnown(Connection connection, List<PreparedRow> rows) throws SQLException {
        TreeSet<String> hashes = new TreeSet<>();
        rows.forEach(row -> row.phones().forEach(phone -> hashes.add(phone.hash())));
        String[] sorted = hashes.toArray(String[]::new);
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT count(pg_advisory_xact_lock(hashtextextended(h, 7))) FROM unnest(?::text[]) AS h")) {
            lock.setArray(1, connection.createArrayOf("text", sorted));
            lock.execute();
        }
        Set<String> known = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT DISTINCT phone_hash FROM contact_phone WHERE phone_hash = ANY(?::bpchar[])")) {
            select.setArray(1, connection.createArrayOf("text", sorted));
            try (ResultSet found = select.executeQuery()) {
                while (found.next()) {
                    known.add(found.getString(1));
                }
            }
        }
        return known;
    }

    private static void copy(Connection connection, List<PreparedRow> rows, Context context, Instant now)
            throws SQLException {
        CopyText contacts = new CopyText();
        CopyText phones = new CopyText();
        CopyText sources = new CopyText();
        for (PreparedRow prepared : rows) {
            RowNormaliser.NormalRow row = prepared.row();
            contacts.value(prepared.contactId()).value(row.name()).value(row.email()).value(row.status())
                    .array(row.tags()).value(context.team()).value(row.timeZone()).value(context.actor().subject())
                    .instant(now).instant(now).endRow();
            int position = 0;
            for (PreparedRow.PreparedPhone phone : prepared.phones()) {
                phones.value(phone.id()).value(prepared.contactId()).value(position++).value(phone.hash())
                        .bytes(phone.sealed().ciphertext()).value(phone.sealed().keyId())
                        .value(phone.number().masked()).value(phone.number().type()).value(phone.number().region())
                        .array(phone.number().timeZones()).instant(now).endRow();
            }
            sources.value(UUID.randomUUID()).value(prepared.contactId()).value(row.source())
                    .value(row.campaign()).instant(now).endRow();
        }
        try {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY contact (id, name, email, status, tags, team, time_zone, created_by, created_at, "
                    + "updated_at) FROM STDIN", new StringReader(contacts.toString()));
            copy.copyIn("COPY contact_phone (id, contact_id, position, phone_hash, ciphertext, key_id, masked, type, "
                    + "region, time_zones, created_at) FROM STDIN", new StringReader(phones.toString()));
            copy.copyIn("COPY contact_source (id, contact_id, channel, campaign, recorded_at) FROM STDIN",
                    new StringReader(sources.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY of an import batch failed", e);
        }
    }

    private static List<EventEnvelope> events(List<PreparedRow> rows, Context context, Instant now) {
        List<EventEnvelope> events = new ArrayList<>(rows.size());
        for (PreparedRow prepared : rows) {
            RowNormaliser.NormalRow row = prepared.row();
            List<ContactEvents.PhoneFacts> phones = prepared.phones().stream()
                    .map(phone -> new ContactEvents.PhoneFacts(phone.id(), phone.hash(), phone.number().masked(),
                            phone.number().type().name(), phone.number().region(), phone.number().timeZones(), null))
                    .toList();
            ContactEvents.ContactState state = new ContactEvents.ContactState(prepared.contactId(),
                    row.status().name(), row.tags(), context.team(),
                    new ContactEvents.Source(row.source().name(), row.campaign()), phones, row.timeZone(), null,
                    List.of(), now);
            events.add(EventEnvelope.create(context.producer(), "ContactCreated", prepared.contactId().toString(),
                    context.actor(), state));
        }
        return events;
    }
}
