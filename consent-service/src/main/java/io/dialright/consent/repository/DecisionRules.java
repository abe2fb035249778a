package io.dialright.consent.repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.consent.domain.DecisionRule;
import io.dialright.consent.domain.LegalBasis;
import io.dialright.consent.domain.Purpose;

/**
 * The decision rules, read once from {@code decision_rule} (they change by migration, with a restart). Every purpose
 * must have a rule: a purpose without one would decide nothing, so the service refuses to decide at all.
 */
@ApplicationScoped
public class DecisionRules {

    private final DataSource dataSource;
    private volatile Map<Purpose, DecisionRule> rules;

    public DecisionRules(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DecisionRule forPurpose(Purpose purpose) {
        return all().get(purpose);
    }

    public Collection<DecisionRule> list() {
        return all().values();
    }

    private Map<Purpose, DecisionRule> all() {
        Map<Purpose, DecisionRule> loaded = rules;
        if (loaded == null) {
            loaded = load();
            rules = loaded;
        }
        return loaded;
    }

    private Map<Purpose, DecisionRule> load() {
        Map<Purpose, DecisionRule> loaded = new EnumMap<>(Purpose.class);
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("""
                     SELECT purpose, accepted_bases, stop_list_exempt_bases, channel_must_match, registry_blocks,
                            explanation
                     FROM decision_rule""")) {
            while (row.next()) {
                Purpose purpose = Purpose.valueOf(row.getString(1));
                loaded.put(purpose, new DecisionRule(purpose, bases(row.getArray(2)), bases(row.getArray(3)),
                        row.getBoolean(4), row.getBoolean(5), row.getString(6)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the decision rules", e);
        }
        Set<Purpose> missing = EnumSet.allOf(Purpose.class);
        missing.removeAll(loaded.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("decision_rule has no rule for " + missing);
        }
        return loaded;
    }

    private static Set<LegalBasis> bases(Array array) throws SQLException {
        EnumSet<LegalBasis> bases = EnumSet.noneOf(LegalBasis.class);
        Arrays.stream((String[]) array.getArray()).map(LegalBasis::valueOf).forEach(bases::add);
        return bases;
    }
}
