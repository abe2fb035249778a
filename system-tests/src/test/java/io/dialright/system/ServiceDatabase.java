package io.dialright.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import io.dialright.localstack.EmbeddedPostgresServer;
import io.dialright.localstack.Rows;
import org.postgresql.ds.PGSimpleDataSource;

/** A service's own database in the suite, read directly: tests assert on what was stored, not only on answers. */
final class ServiceDatabase {

    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

    ServiceDatabase(EmbeddedPostgresServer postgres, String database) {
        dataSource.setUrl(postgres.jdbcUrl(database));
        dataSource.setUser(postgres.username());
    }

    /** The first column of the query's single row as a number ({@code SELECT count(*) …}). */
    long count(String sql, Object... args) {
        return new Rows(dataSource).count(sql, args);
    }

    /** The query's first two columns as text, the first being unique. */
    Map<String, String> pairs(String sql, Object... args) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                query.setObject(i + 1, args[i]);
            }
            Map<String, String> pairs = new HashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (pairs.put(rows.getString(1).strip(), rows.getString(2)) != null) {
                        throw new IllegalStateException("Not unique: " + rows.getString(1) + " in " + sql);
                    }
                }
            }
            return pairs;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
