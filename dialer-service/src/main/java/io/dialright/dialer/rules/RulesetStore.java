package io.dialright.dialer.rules;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code ruleset_version} rows: read all or one id, append a version. Rows are never updated. */
@ApplicationScoped
public class RulesetStore {

    private static final String COLUMNS = "id, version, body, effective_from, created_by, created_at, preset";

    private final DataSource dataSource;
    private final ObjectMapper json;

    public RulesetStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Every version of every ruleset, by id and version. */
    public List<RulesetVersion> loadAll() {
        return query("SELECT " + COLUMNS + " FROM ruleset_version ORDER BY id, version", null);
    }

    /** The versions of one ruleset, oldest first; empty when there is none. */
    public List<RulesetVersion> load(String id) {
        return query("SELECT " + COLUMNS + " FROM ruleset_version WHERE id = ? ORDER BY version", id);
    }

    /**
     * Adds the next version of {@code id} (1 for a new id). Concurrent writers of one id take turns (a transaction
     * lock on the id), so each gets its own version number. A preset is refused with 409 (a
     * {@link io.dialright.platform.problem.ProblemException}), and nothing is written.
     */
    @Transactional
    public RulesetVersion append(String id, RulesetContent content, Instant effectiveFrom, String createdBy,
                                 Instant createdAt) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT pg_advisory_xact_lock(hashtext('ruleset_version:' || ?))")) {
                lock.setString(1, id);
                lock.execute();
            }
            int next = 1;
            try (PreparedStatement latest = connection.prepareStatement(
                    "SELECT version, preset FROM ruleset_version WHERE id = ? ORDER BY version DESC LIMIT 1")) {
                latest.setString(1, id);
                try (ResultSet row = latest.executeQuery()) {
                    if (row.next()) {
                        if (row.getBoolean(2)) {
                            throw RulesetService.presetIsReadOnly(id);
                        }
                        next = row.getInt(1) + 1;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO ruleset_version (id, version, body, effective_from, created_by, created_at, preset)
                    VALUES (?, ?, ?::jsonb, ?, ?, ?, false)""")) {
                insert.setString(1, id);
                insert.setInt(2, next);
                insert.setString(3, json.writeValueAsString(content));
                insert.setTimestamp(4, Timestamp.from(effectiveFrom));
                insert.setString(5, createdBy);
                insert.setTimestamp(6, Timestamp.from(createdAt));
                insert.executeUpdate();
            }
            return new RulesetVersion(content.toRuleset(id, next, effectiveFrom, false), createdBy, createdAt);
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Could not store version of ruleset " + id, e);
        }
    }

    private List<RulesetVersion> query(String sql, String id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            if (id != null) {
                statement.setString(1, id);
            }
            List<RulesetVersion> versions = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    versions.add(read(row));
                }
            }
            return versions;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the rulesets", e);
        }
    }

    private RulesetVersion read(ResultSet row) throws SQLException {
        String id = row.getString(1);
        RulesetContent content;
        try {
            content = json.readValue(row.getString(3), RulesetContent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Ruleset " + id + " v" + row.getInt(2) + " has an unreadable body", e);
        }
        Ruleset ruleset = content.toRuleset(id, row.getInt(2), row.getTimestamp(4).toInstant(), row.getBoolean(7));
        return new RulesetVersion(ruleset, row.getString(5), row.getTimestamp(6).toInstant());
    }
}
