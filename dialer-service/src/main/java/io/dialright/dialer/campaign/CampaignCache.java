package io.dialright.dialer.campaign;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * Campaigns for the hand-out, which reads one on every request: the stored version is read (a primary-key lookup)
 * and a detached copy is reused while it matches, so a pause or any other change takes effect on the very next
 * request. The row is share-locked for the caller's transaction: a pause waits for the hand-outs in progress and
 * none starts after it. The copies are read-only; changes go through {@link CampaignService}.
 */
@ApplicationScoped
public class CampaignCache {

    private final Map<UUID, Campaign> copies = new ConcurrentHashMap<>();
    private final DataSource dataSource;

    public CampaignCache(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The campaign as stored now, in the caller's transaction; empty when there is none. */
    public Optional<Campaign> current(UUID id) {
        Long version = versionOf(id);
        if (version == null) {
            copies.remove(id);
            return Optional.empty();
        }
        Campaign copy = copies.get(id);
        if (copy == null || copy.version != version) {
            copy = Panache.getEntityManager().find(Campaign.class, id);
            Panache.getEntityManager().detach(copy);
            copies.put(id, copy);
        }
        return Optional.of(copy);
    }

    private Long versionOf(UUID id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT version FROM campaign WHERE id = ? FOR SHARE")) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read campaign " + id, e);
        }
    }
}
