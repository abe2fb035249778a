package io.dialright.contact.imports;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * the database or earlier in the batch — are duplicates and write nothing; the others go in with {@code COPY} and
 * are announced by {@code ContactsImported} events of up to {@value #CONTACTS_PER_EVENT} contacts each (the bulk
 * form of {@code ContactCreated}: one outbox row per contact would cost the import more than the contacts
 * themselves). The numbers of the batch are locked as {@code POST /api/contacts} locks them, so an import and a
 * concurrent create cannot both store the same new number.
 */
@ApplicationScoped
public class ImportBatchWriter {

    /** What the batch did. */
    public record Written(int imported, int duplicates) {
    }

    /** Which import, for which team, who runs it and which service writes the events. */
    public record Context(UUID importId, String team, Actor actor, String producer) {
    }

    /** Payload of {@code ContactsImported}: the states of the contacts one import batch created. */
    public record ContactsImported(UUID importId, List<ContactEvents.ContactState> contacts) {
    }

    /** Keeps an event well under Kafka's default 1 MB message limit (a contact's state is ~0.4 KB). */
    static final int CONTACTS_PER_EVENT = 500;

    private final OutboxStore outbox = new OutboxStore();

    public Written write(Connection connection, Context context, List<PreparedRow> rows) throws SQLException {
        Set<String> known = lockAndFindKnown(connection, rows);
        Set<String> inBatch = new HashSet<>();
        StringBuilder contacts = new StringBuilder();
        StringBuilder phones = new StringBuilder();
        List<ContactEvents.ContactState> created = new ArrayList<>(rows.size());
        int imported = 0;
        for (PreparedRow row : rows) {
            boolean duplicate = row.phoneHashes().stream().anyMatch(hash -> known.contains(hash)
                    || inBatch.contains(hash));
            if (!duplicate) {
                inBatch.addAll(row.phoneHashes());
                contacts.append(row.contactLine());
                phones.append(row.phoneLines());
                created.add(row.state());
                imported++;
            }
        }
        if (imported > 0) {
            copy(connection, "contact (id, name, email, status, tags, sources, team, time_zone, created_by, "
                    + "created_at, updated_at)", contacts);
            copy(connection, "contact_phone (id, contact_id, position, phone_hash, ciphertext, key_id, masked, type, "
                    + "region, time_zones, created_at)", phones);
            for (int from = 0; from < created.size(); from += CONTACTS_PER_EVENT) {
                List<ContactEvents.ContactState> chunk = created.subList(from,
                        Math.min(created.size(), from + CONTACTS_PER_EVENT));
                outbox.append(connection, Topics.CONTACTS, EventEnvelope.create(context.producer(),
                        "ContactsImported", context.importId().toString(), context.actor(),
                        new ContactsImported(context.importId(), List.copyOf(chunk))));
            }
        }
        return new Written(imported, rows.size() - imported);
    }

    private static Set<String> lockAndFindKnown(Connection connection, List<PreparedRow> rows) throws SQLException {
        TreeSet<String> hashes = new TreeSet<>();
        rows.forEach(row -> hashes.addAll(row.phoneHashes()));
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

    private static void copy(Connection connection, String table, CharSequence lines) throws SQLException {
        try {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY " + table + " FROM STDIN", new StringReader(lines.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY of an import batch into " + table + " failed", e);
        }
    }
}
