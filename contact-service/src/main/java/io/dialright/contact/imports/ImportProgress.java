package io.dialright.contact.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The SQL by which a running import records its progress, on the import's own connection and transaction. */
final class ImportProgress {

    /** A rejected record: its line and why. */
    record Rejection(long line, String reason) {
    }

    /** A record left out as a duplicate: its line and why. */
    record Duplicate(long line, String reason) {
    }

    private ImportProgress() {
    }

    static ImportJob load(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT status, format, charset, spool_path, team, requested_by, requested_role, total, processed
                FROM import_job WHERE id = ?""")) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                ImportJob job = new ImportJob();
                job.id = id;
                job.status = ImportJob.Status.valueOf(row.getString(1));
                job.format = ImportFormat.valueOf(row.getString(2));
                job.charset = row.getString(3);
                job.spoolPath = row.getString(4);
                job.team = row.getString(5);
                job.requestedBy = row.getString(6);
                job.requestedRole = row.getString(7);
                long total = row.getLong(8);
                job.total = row.wasNull() ? null : total;
                job.processed = row.getLong(9);
                return job;
            }
        }
    }

    /** Only one runner may work on a job, across instances: a session lock held while it runs. */
    static boolean tryClaim(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT pg_try_advisory_lock(hashtextextended('contact-import:' || ?::text, 0))")) {
            lock.setObject(1, id);
            try (ResultSet row = lock.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    static void release(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement(
                "SELECT pg_advisory_unlock(hashtextextended('contact-import:' || ?::text, 0))")) {
            unlock.setObject(1, id);
            unlock.execute();
        }
    }

    static void started(Connection connection, UUID id, long total, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE import_job SET status = 'RUNNING', total = ?, started_at = coalesce(started_at, ?)
                WHERE id = ?""")) {
            update.setLong(1, total);
            update.setTimestamp(2, Timestamp.from(now));
            update.setObject(3, id);
            update.executeUpdate();
        }
    }

    /** Adds a batch's counts and keeps its rejections and its duplicates, each up to {@code maxKept} per job. */
    static void advance(Connection connection, UUID id, long processed, long imported, List<Duplicate> duplicates,
                        List<Rejection> rejections, int maxKept) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE import_job SET processed = processed + ?, imported = imported + ?,
                       duplicates = duplicates + ?, rejected = rejected + ?
                WHERE id = ?""")) {
            update.setLong(1, processed);
            update.setLong(2, imported);
            update.setLong(3, duplicates.size());
            update.setLong(4, rejections.size());
            update.setObject(5, id);
            update.executeUpdate();
        }
        keep(connection, "import_error", id, rejections.stream().map(Rejection::line).toArray(),
                rejections.stream().map(Rejection::reason).toArray(), maxKept);
        keep(connection, "import_duplicate", id, duplicates.stream().map(Duplicate::line).toArray(),
                duplicates.stream().map(Duplicate::reason).toArray(), maxKept);
    }

    /** Adds lines and reasons to the table ({@code import_error} or {@code import_duplicate}) up to its maximum. */
    private static void keep(Connection connection, String table, UUID id, Object[] lines, Object[] reasons,
                             int maxKept) throws SQLException {
        if (lines.length == 0) {
            return;
        }
        for (int i = 0; i < reasons.length; i++) {
            // A reason may quote what was read (a broken JSON token), and text cannot hold U+0000.
            reasons[i] = ((String) reasons[i]).replace('\u0000', '\uFFFD');
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (job_id, line, reason) "
                + "SELECT ?, e.line, e.reason FROM unnest(?::bigint[], ?::text[]) AS e(line, reason) ORDER BY e.line "
                + "LIMIT greatest(0, ? - (SELECT count(*) FROM " + table + " WHERE job_id = ?)) "
                + "ON CONFLICT DO NOTHING")) {
            insert.setObject(1, id);
            insert.setArray(2, connection.createArrayOf("bigint", lines));
            insert.setArray(3, connection.createArrayOf("text", reasons));
            insert.setInt(4, maxKept);
            insert.setObject(5, id);
            insert.executeUpdate();
        }
    }

    static void finished(Connection connection, UUID id, ImportJob.Status status, String failure, Instant now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE import_job SET status = ?, failure = ?, finished_at = ? WHERE id = ?")) {
            update.setString(1, status.name());
            update.setString(2, failure);
            update.setTimestamp(3, Timestamp.from(now));
            update.setObject(4, id);
            update.executeUpdate();
        }
    }
}
