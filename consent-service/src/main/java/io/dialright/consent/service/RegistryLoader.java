package io.dialright.consent.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialright.consent.config.ConsentConfig;
import io.dialright.platform.audit.AccessRecorder;
import io.dialright.platform.events.Actor;
import io.dialright.platform.phone.InvalidPhoneNumberException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads a registry file as a new version. Lines are parsed and hashed on {@code parsers} threads in chunks while
 * the blind indexes stream into a table of the version's own with {@code COPY} (no index while loading; one index
 * build at the end). The table is then attached as a partition of {@code registry_entry} and
 * {@code registry_current} switched in one transaction: decisions see the old version until that commit and the
 * whole new one after it. The old version's table is dropped afterwards.
 */
@ApplicationScoped
public class RegistryLoader {

    private static final Logger LOG = Logger.getLogger(RegistryLoader.class);
    private static final int CHUNK = 10_000;
    /** Session advisory lock held by the loading connection: another instance sees an import is alive. */
    private static final long IMPORT_LOCK = 0x5245474953545259L;
    /** Marks a line that lacks the number's field. */
    private static final String MISSING = new String("missing field");

    /** A file in which no line holds a valid number: never put in force in place of a real registry. */
    private static final class NothingListed extends Exception {
    }

    /** A rejected line. */
    public record LineError(long line, String reason) {
    }

    private record Lines(long firstLine, List<String> fields) {
    }

    private record Parsed(long firstLine, String[] hashes, String[] problems) {
    }

    /** Counters of a running import. */
    private static final class Progress {
        long processed;
        long listed;
        long rejected;
        final List<LineError> errors = new ArrayList<>();
    }

    private final DataSource dataSource;
    private final NumberIndex numbers;
    private final RegistryImportListener listener;
    private final AccessRecorder audit;
    private final ObjectMapper json;
    private final ConsentConfig config;
    private final Clock clock;

    public RegistryLoader(DataSource dataSource, NumberIndex numbers, RegistryImportListener listener,
                          AccessRecorder audit, ObjectMapper json, ConsentConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.numbers = numbers;
        this.listener = listener;
        this.audit = audit;
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    /** Loads and switches; any failure leaves the version in force untouched and the import FAILED. */
    public void load(UUID importId, int version, Path file, int column, Actor actor) {
        String table = "registry_entry_v" + version;
        Progress progress = new Progress();
        try (Connection copy = dataSource.getConnection()) {
            lockImport(copy);
            try {
                long duplicates = loadTable(copy, table, version, file, column, importId, progress);
                if (progress.listed == 0) {
                    throw new NothingListed();
                }
                listener.beforeSwitch(importId, version);
                int previous = QuarkusTransaction.requiringNew().call(() ->
                        switchTo(importId, version, table, progress, duplicates, actor));
                dropVersion(copy, previous);
                LOG.infof("Registry version %d in force: %d numbers listed, %d duplicates, %d lines rejected",
                        version, progress.listed, duplicates, progress.rejected);
            } finally {
                unlockImport(copy);
            }
        } catch (Exception e) {
            String failure;
            if (e instanceof NothingListed) {
                // A wrong file (another column, another format) must not empty the registry in force.
                LOG.infof("Registry import %s (version %d) refused: no line holds a valid number", importId, version);
                failure = "No line of the file holds a valid number (" + progress.rejected + " rejected: see errors); "
                        + "check the format and the column (?column=) and send it again. The version in force is "
                        + "unchanged.";
            } else if (notUtf8(e)) {
                // The sender's mistake, not ours: no stack trace, and a failure that says what to change.
                LOG.infof("Registry import %s (version %d) refused: the file is not UTF-8 text", importId, version);
                failure = "The file is not valid UTF-8 text; save it as UTF-8 (one number per line, or CSV) and send "
                        + "it again. The version in force is unchanged.";
            } else {
                LOG.errorf(e, "Registry import %s (version %d) failed", importId, version);
                failure = "The import failed: " + describe(e) + ". The version in force is unchanged; send the file "
                        + "again.";
            }
            fail(importId, version, table, failure, progress, actor);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warnf("Could not delete the uploaded registry file %s: %s", file, e.getMessage());
            }
        }
    }

    private long loadTable(Connection copy, String table, int version, Path file, int column, UUID importId,
                           Progress progress) throws Exception {
        copy.setAutoCommit(false);
        try (Statement sql = copy.createStatement()) {
            sql.execute("CREATE TABLE " + table + " (version integer NOT NULL DEFAULT " + version
                    + " CHECK (version = " + version + "), phone_hash char(64) COLLATE \"C\" NOT NULL)");
        }
        // FREEZE (allowed because the table was created in this transaction): the rows are written frozen and
        // all-visible, so no vacuum of a million rows follows the switch and competes with decisions.
        CopyIn in = copy.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (phone_hash) FROM STDIN WITH (FREEZE)");
        ExecutorService parsers = Executors.newFixedThreadPool(Math.max(1, config.registry().parsers()));
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Deque<Future<Parsed>> inFlight = new ArrayDeque<>();
            int maxInFlight = 2 * Math.max(1, config.registry().parsers());
            long lineNumber = 0;
            long nextReport = config.registry().progressEvery();
            List<String> chunk = new ArrayList<>(CHUNK);
            long chunkStart = 1;
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                chunk.add(fieldOf(line, lineNumber, column));
                if (chunk.size() == CHUNK) {
                    inFlight.add(submit(parsers, new Lines(chunkStart, chunk), column));
                    chunk = new ArrayList<>(CHUNK);
                    chunkStart = lineNumber + 1;
                    if (inFlight.size() >= maxInFlight) {
                        write(in, inFlight.poll().get(), progress);
                    }
                }
                if (lineNumber >= nextReport) {
                    report(importId, progress);
                    nextReport += config.registry().progressEvery();
                }
            }
            if (!chunk.isEmpty()) {
                inFlight.add(submit(parsers, new Lines(chunkStart, chunk), column));
            }
            while (!inFlight.isEmpty()) {
                write(in, inFlight.poll().get(), progress);
            }
            in.endCopy();
        } catch (Exception e) {
            if (in.isActive()) {
                in.cancelCopy();
            }
            copy.rollback();
            copy.setAutoCommit(true);
            throw e;
        } finally {
            parsers.shutdownNow();
        }
        long duplicates;
        try (Statement sql = copy.createStatement()) {
            sql.execute("CREATE INDEX " + table + "_phone_hash ON " + table + " (phone_hash)");
            try (ResultSet count = sql.executeQuery("SELECT count(*) - count(DISTINCT phone_hash) FROM " + table)) {
                count.next();
                duplicates = count.getLong(1);
            }
            copy.commit();
        } catch (SQLException | RuntimeException e) {
            // Leave the pooled connection usable (its import lock is released through it afterwards).
            copy.rollback();
            throw e;
        } finally {
            copy.setAutoCommit(true);
        }
        settle(copy, table);
        return duplicates;
    }

    /**
     * Statistics for the planner before the version is switched, and nothing left for autovacuum to do (it would
     * otherwise visit a million new rows a minute later, amid the decisions): the frozen rows make this vacuum a
     * walk over the visibility map. The load's counters are flushed to the statistics first, or they would arrive
     * after the vacuum and call autovacuum back. Outside the transaction, because VACUUM must be; a failure here
     * costs only that autovacuum does the work later, so the committed version is kept.
     */
    private static void settle(Connection connection, String table) {
        try (Statement sql = connection.createStatement()) {
            sql.execute("SELECT pg_stat_force_next_flush()");
            sql.execute("VACUUM (ANALYZE) " + table);
        } catch (SQLException e) {
            LOG.warnf("Could not vacuum and analyse %s before switching to it (autovacuum will): %s", table,
                    e.getMessage());
        }
    }

    /**
     * The number's field of a line; {@code null} for a blank line or a first line that is a CSV header (skipped,
     * not rejected), {@link #MISSING} for a line without that field.
     */
    private static String fieldOf(String line, long lineNumber, int column) {
        if (line.isBlank()) {
            return null;
        }
        String field = RegistryLines.field(line, column);
        if (field == null) {
            return MISSING;
        }
        return lineNumber == 1 && RegistryLines.looksLikeHeader(field) ? null : field;
    }

    private Future<Parsed> submit(ExecutorService parsers, Lines lines, int column) {
        return parsers.submit(() -> {
            int size = lines.fields().size();
            String[] hashes = new String[size];
            String[] problems = new String[size];
            for (int i = 0; i < size; i++) {
                String field = lines.fields().get(i);
                if (field == null) {
                    continue;
                }
                if (field == MISSING) {
                    problems[i] = "The line has no field " + column + ".";
                    continue;
                }
                try {
                    hashes[i] = numbers.hashOfE164(numbers.e164(field));
                } catch (InvalidPhoneNumberException e) {
                    problems[i] = e.getMessage();
                }
            }
            return new Parsed(lines.firstLine(), hashes, problems);
        });
    }

    private void write(CopyIn in, Parsed parsed, Progress progress) throws SQLException {
        StringBuilder rows = new StringBuilder(parsed.hashes().length * 65);
        for (int i = 0; i < parsed.hashes().length; i++) {
            if (parsed.hashes()[i] != null) {
                rows.append(parsed.hashes()[i]).append('\n');
                progress.listed++;
            } else if (parsed.problems()[i] != null) {
                progress.rejected++;
                if (progress.errors.size() < config.registry().maxErrors()) {
                    progress.errors.add(new LineError(parsed.firstLine() + i, parsed.problems()[i]));
                }
            }
        }
        progress.processed += parsed.hashes().length;
        byte[] bytes = rows.toString().getBytes(StandardCharsets.US_ASCII);
        in.writeToCopy(bytes, 0, bytes.length);
    }

    /** Progress goes through its own connection: the loading transaction is not visible until its commit. */
    private void report(UUID importId, Progress progress) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("""
                     UPDATE registry_import SET processed = ?, listed = ?, rejected = ?, errors = ?
                     WHERE id = ? AND status = 'RUNNING'""")) {
            update.setLong(1, progress.processed);
            update.setLong(2, progress.listed);
            update.setLong(3, progress.rejected);
            update.setString(4, errorsJson(progress));
            update.setObject(5, importId);
            update.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("Could not record the progress of registry import %s: %s", importId, e.getMessage());
        }
    }

    /** Attaches the loaded version and makes it the one in force, atomically; returns the version it replaced. */
    private int switchTo(UUID importId, int version, String table, Progress progress, long duplicates,
                         Actor actor) throws SQLException {
        Instant now = clock.instant();
        int previous;
        try (Connection connection = dataSource.getConnection()) {
            try (Statement sql = connection.createStatement();
                 ResultSet current = sql.executeQuery("SELECT version FROM registry_current FOR UPDATE")) {
                current.next();
                previous = current.getInt(1);
            }
            try (Statement sql = connection.createStatement()) {
                sql.execute("ALTER TABLE registry_entry ATTACH PARTITION " + table + " FOR VALUES IN (" + version
                        + ")");
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE registry_current SET version = ?, switched_at = ?")) {
                update.setInt(1, version);
                update.setTimestamp(2, Timestamp.from(now));
                update.executeUpdate();
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE registry_import SET status = 'SUPERSEDED' WHERE status = 'COMPLETED'")) {
                update.executeUpdate();
            }
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE registry_import SET status = 'COMPLETED', completed_at = ?, processed = ?, listed = ?,
                           duplicates = ?, rejected = ?, errors = ?
                    WHERE id = ?""")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setLong(2, progress.processed);
                update.setLong(3, progress.listed);
                update.setLong(4, duplicates);
                update.setLong(5, progress.rejected);
                update.setString(6, errorsJson(progress));
                update.setObject(7, importId);
                update.executeUpdate();
            }
        }
        audit.record(actor, AuditActions.REGISTRY_IMPORT, importId.toString(), null, Map.of(
                "importId", importId.toString(), "version", version, "status", "COMPLETED",
                "listed", progress.listed, "rejected", progress.rejected, "duplicates", duplicates));
        return previous;
    }

    private void dropVersion(Connection connection, int version) {
        if (version == 0) {
            return;
        }
        String table = "registry_entry_v" + version;
        try (Statement sql = connection.createStatement()) {
            // CONCURRENTLY: decisions reading registry_entry are not blocked while the old version goes.
            sql.execute("ALTER TABLE registry_entry DETACH PARTITION " + table + " CONCURRENTLY");
            sql.execute("DROP TABLE " + table);
        } catch (SQLException e) {
            LOG.warnf("Could not drop the superseded registry version %d (it is no longer used): %s", version,
                    e.getMessage());
        }
    }

    private void fail(UUID importId, int version, String table, String reason, Progress progress, Actor actor) {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("DROP TABLE IF EXISTS " + table);
        } catch (SQLException e) {
            LOG.warnf("Could not drop the table of failed registry version %d: %s", version, e.getMessage());
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                try (Connection connection = dataSource.getConnection();
                     PreparedStatement update = connection.prepareStatement("""
                             UPDATE registry_import SET status = 'FAILED', failure = ?, completed_at = ?,
                                    processed = ?, listed = ?, rejected = ?, errors = ?
                             WHERE id = ? AND status = 'RUNNING'""")) {
                    update.setString(1, reason);
                    update.setTimestamp(2, Timestamp.from(clock.instant()));
                    update.setLong(3, progress.processed);
                    update.setLong(4, progress.listed);
                    update.setLong(5, progress.rejected);
                    update.setString(6, errorsJson(progress));
                    update.setObject(7, importId);
                    update.executeUpdate();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                audit.record(actor, AuditActions.REGISTRY_IMPORT, importId.toString(), null,
                        Map.of("importId", importId.toString(), "version", version, "status", "FAILED"));
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not mark registry import %s as failed", importId);
        }
    }

    /**
     * Fails imports whose loader is gone (the service stopped mid-import) and drops their tables. An import whose
     * loader still holds the import lock (another instance) is left alone.
     */
    public void recoverInterrupted() {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement sql = connection.createStatement();
                 ResultSet free = sql.executeQuery("SELECT pg_try_advisory_lock(" + IMPORT_LOCK + ")")) {
                free.next();
                if (!free.getBoolean(1)) {
                    return;
                }
            }
            try (Statement sql = connection.createStatement()) {
                int failed = sql.executeUpdate("UPDATE registry_import SET status = 'FAILED', failure = "
                        + "'Interrupted by a stop of the service; send the file again.' WHERE status = 'RUNNING'");
                List<String> orphans = new ArrayList<>();
                try (ResultSet tables = sql.executeQuery("""
                        SELECT c.relname FROM pg_class c
                        WHERE c.relkind = 'r' AND c.relname ~ '^registry_entry_v[0-9]+$'
                          AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid)""")) {
                    while (tables.next()) {
                        orphans.add(tables.getString(1));
                    }
                }
                for (String orphan : orphans) {
                    sql.execute("DROP TABLE " + orphan);
                }
                if (failed > 0) {
                    LOG.warnf("%d registry import(s) were interrupted by a stop and are marked FAILED", failed);
                }
                sql.execute("SELECT pg_advisory_unlock(" + IMPORT_LOCK + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void lockImport(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute("SELECT pg_advisory_lock(" + IMPORT_LOCK + ")");
        }
    }

    private static void unlockImport(Connection connection) {
        try (Statement sql = connection.createStatement()) {
            sql.execute("SELECT pg_advisory_unlock(" + IMPORT_LOCK + ")");
        } catch (SQLException e) {
            LOG.warnf("Could not release the registry import lock: %s", e.getMessage());
        }
    }

    private String errorsJson(Progress progress) {
        try {
            return json.writeValueAsString(progress.errors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean notUtf8(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CharacterCodingException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
