package io.dialright.contact.imports;

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
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialright.contact.repository.NumberLocks;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.Topics;
import io.dialright.platform.outbox.OutboxStore;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes one batch of prepared rows in the caller's transaction: rows holding a number erased on request are rejected
 * and rows holding a number that is already known — in the database or earlier in the batch — are duplicates, and
 * neither writes anything; the others go in with {@code COPY} and
 * are announced by {@code ContactsImported} events of up to {@value #CONTACTS_PER_EVENT} contacts each (the bulk
 * form of {@code ContactCreated}: one outbox row per contact would cost the import more than the contacts
 * themselves). The numbers of the batch are locked as {@code POST /api/contacts} locks them, so an import and a
 * concurrent create cannot both store the same new number.
 */
@ApplicationScoped
public class ImportBatchWriter {

    /**
     * What the batch did: how many contacts it created, the records it left out as duplicates and those it rejected
     * (a number erased on request).
     */
    public record Written(int imported, List<ImportProgress.Duplicate> duplicates,
                          List<ImportProgress.Rejection> rejections) {
    }

    /** Of the batch's numbers, those some contact holds and those erased on request. */
    private record Stored(Set<String> known, Set<String> erased) {
    }

    static final String ERASED = "a number was erased on request and is not stored again";

    /** Which import, for which team, who runs it and which service writes the events. */
    public record Context(UUID importId, String team, Actor actor, String producer) {
    }

    /** Keeps an event well under Kafka's default 1 MB message limit (a contact's state is ~0.4 KB). */
    static final int CONTACTS_PER_EVENT = 500;

    private final OutboxStore outbox = new OutboxStore();

    public Written write(Connection connection, Context context, List<PreparedRow> rows) throws SQLException {
        Stored stored = lockAndFindStored(connection, rows);
        Set<String> inBatch = new HashSet<>();
        List<PreparedRow> created = new ArrayList<>(rows.size());
        List<ImportProgress.Duplicate> duplicates = new ArrayList<>();
        List<ImportProgress.Rejection> rejections = new ArrayList<>();
        for (PreparedRow row : rows) {
            if (row.phoneHashes().stream().anyMatch(stored.erased()::contains)) {
                rejections.add(new ImportProgress.Rejection(row.line(), ERASED));
            } else if (row.phoneHashes().stream().anyMatch(stored.known()::contains)) {
                duplicates.add(new ImportProgress.Duplicate(row.line(), "a number is already known"));
            } else if (row.phoneHashes().stream().anyMatch(inBatch::contains)) {
                duplicates.add(new ImportProgress.Duplicate(row.line(), "a number repeats an earlier line"));
            } else {
                inBatch.addAll(row.phoneHashes());
                created.add(row);
            }
        }
        if (!created.isEmpty()) {
            copy(connection, "contact (id, name, email, status, tags, sources, team, time_zone, created_by, "
                    + "created_at, updated_at)", created, PreparedRow::contactLine);
            copy(connection, "contact_phone (id, contact_id, position, phone_hash, ciphertext, key_id, masked, type, "
                    + "region, time_zones, label, comment, created_at)", created, PreparedRow::phoneLines);
            for (int from = 0; from < created.size(); from += CONTACTS_PER_EVENT) {
                outbox.append(connection, Topics.CONTACTS, EventEnvelope.create(context.producer(),
                        "ContactsImported", context.importId().toString(), context.actor(),
                        contactsImported(context.importId(), created.subList(from,
                                Math.min(created.size(), from + CONTACTS_PER_EVENT)))));
            }
        }
        return new Written(created.size(), duplicates, rejections);
    }

    /**
     * Payload of {@code ContactsImported}: {@code {importId, contacts: [the ContactCreated payload of each contact the
     * batch created]}}, the contacts' JSON written while the batch was prepared.
     */
    private static ObjectNode contactsImported(UUID importId, List<PreparedRow> contacts) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("importId", importId.toString());
        ArrayNode states = payload.putArray("contacts");
        contacts.forEach(contact -> states.addRawValue(contact.stateJson()));
        return payload;
    }

    private static Stored lockAndFindStored(Connection connection, List<PreparedRow> rows) throws SQLException {
        TreeSet<String> hashes = new TreeSet<>();
        rows.forEach(row -> hashes.addAll(row.phoneHashes()));
        NumberLocks.lockSorted(connection, hashes);
        String[] sorted = hashes.toArray(String[]::new);
        return new Stored(hashesIn(connection, "contact_phone", sorted), hashesIn(connection, "erased_number", sorted));
    }

    /** Which of the blind indexes are in the table's {@code phone_hash} column. */
    private static Set<String> hashesIn(Connection connection, String table, String[] hashes) throws SQLException {
        Set<String> found = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT DISTINCT phone_hash FROM " + table + " WHERE phone_hash = ANY(?::bpchar[])")) {
            select.setArray(1, connection.createArrayOf("text", hashes));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
        }
        return found;
    }

    /**
     * Streams the rows' lines into {@code COPY} as the driver sends them: a batch is never one large string (those
     * were humongous objects to the collector, each starting a concurrent cycle).
     */
    private static void copy(Connection connection, String table, List<PreparedRow> rows,
                             Function<PreparedRow, byte[]> line) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN");
        try {
            for (PreparedRow row : rows) {
                byte[] bytes = line.apply(row);
                copy.writeToCopy(bytes, 0, bytes.length);
            }
            copy.endCopy();
        } catch (Throwable e) {
            // Left open, the COPY would keep the connection from rolling the batch back.
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException cancel) {
                    e.addSuppressed(cancel);
                }
            }
            throw e;
        }
    }
}
