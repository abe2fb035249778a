package io.dialright.consent.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The exports whose downloaded archive held a number (contact-service's {@code ContactsExported}), for access
 * reports (K-8). One row per number and export; plain JDBC, since a part of an export names up to 1,000 numbers
 * and is written with one statement.
 */
@ApplicationScoped
public class NumberExports {

    /** An export that took the number out of the system. */
    public record Export(UUID exportId, String requestedBy, String approvedBy, boolean pseudonymised,
                         Instant downloadedAt) {
    }

    private final DataSource dataSource;

    public NumberExports(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Keeps the export once per number; a number erased after the download is left out (the erasure deleted its
     * exports, and a late event must not bring one back).
     */
    public void add(List<String> phoneHashes, Export export) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO number_export (phone_hash, export_id, requested_by, approved_by, pseudonymised,
                                                downloaded_at)
                     SELECT listed.phone_hash, ?, ?, ?, ?, ? FROM unnest(?::text[]::bpchar[]) AS listed(phone_hash)
                     WHERE NOT EXISTS (SELECT 1 FROM privacy_request erasure
                                       WHERE erasure.phone_hash = listed.phone_hash AND erasure.type = 'ERASURE'
                                         AND erasure.received_at >= ?)
                     ON CONFLICT (phone_hash, export_id) DO NOTHING""")) {
            Timestamp downloadedAt = Timestamp.from(export.downloadedAt());
            insert.setObject(1, export.exportId());
            insert.setString(2, export.requestedBy());
            insert.setString(3, export.approvedBy());
            insert.setBoolean(4, export.pseudonymised());
            insert.setTimestamp(5, downloadedAt);
            insert.setArray(6, connection.createArrayOf("text", phoneHashes.toArray()));
            insert.setTimestamp(7, downloadedAt);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not keep export " + export.exportId(), e);
        }
    }

    /** The number's newest exports first, at most {@code limit}. */
    public List<Export> newest(String phoneHash, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT export_id, requested_by, approved_by, pseudonymised, downloaded_at
                     FROM number_export WHERE phone_hash = ? ORDER BY downloaded_at DESC, export_id LIMIT ?""")) {
            select.setString(1, phoneHash);
            select.setInt(2, limit);
            List<Export> exports = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    exports.add(new Export(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                            row.getBoolean(4), row.getTimestamp(5).toInstant()));
                }
            }
            return exports;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the number's exports", e);
        }
    }

    public long count(String phoneHash) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT count(*) FROM number_export WHERE phone_hash = ?")) {
            select.setString(1, phoneHash);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the number's exports", e);
        }
    }

    public void deleteNumber(String phoneHash) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM number_export WHERE phone_hash = ?")) {
            delete.setString(1, phoneHash);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete the number's exports", e);
        }
    }
}
