package io.dialright.consent.service;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.consent.domain.Channel;
import io.dialright.consent.domain.ConsentStatus;
import io.dialright.consent.domain.DecisionRule;
import io.dialright.consent.domain.LegalBasis;
import io.dialright.consent.domain.Purpose;
import io.dialright.consent.domain.ReasonCode;
import io.dialright.consent.repository.DecisionRules;

/**
 * "May this number be called for purpose P on channel C now?" (K-6), for one number or ten thousand: two SQL
 * statements whatever the count (the consents of the purpose, then stop list, erasure tombstones and the registry
 * version in force), then the purpose's {@link DecisionRule} applied in memory. Every reason that applies is
 * listed; an allowed call names the record that allowed it.
 */
@ApplicationScoped
public class DecisionService {

    /** Why a number is blocked, in words a person can act on. */
    public record Reason(ReasonCode code, String detail) {
    }

    /** What allowed a call: the rule (its purpose), the record and its legal basis. */
    public record AllowedBy(Purpose rule, UUID consentId, LegalBasis legalBasis, String detail) {
    }

    /** The answer for one number. */
    public record Decision(boolean allowed, List<Reason> reasons, AllowedBy allowedBy) {
    }

    private record Record(UUID id, Channel channel, LegalBasis basis, ConsentStatus status, Instant validUntil,
                          Instant changedAt) {
    }

    private record Block(String reference, Instant since) {
    }

    private final DataSource dataSource;
    private final DecisionRules rules;
    private final Clock clock;

    public DecisionService(DataSource dataSource, DecisionRules rules, Clock clock) {
        this.dataSource = dataSource;
        this.rules = rules;
        this.clock = clock;
    }

    /** Decisions keyed by blind index; duplicates are decided once. */
    public Map<String, Decision> decide(Collection<String> phoneHashes, Purpose purpose, Channel channel) {
        DecisionRule rule = rules.forPurpose(purpose);
        Instant now = clock.instant();
        String[] hashes = new LinkedHashSet<>(phoneHashes).toArray(String[]::new);
        Map<String, List<Record>> records = new HashMap<>();
        Map<String, Block> stopList = new HashMap<>();
        Map<String, Block> erased = new HashMap<>();
        Map<String, Block> registry = new HashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            Array keys = connection.createArrayOf("text", hashes);
            readRecords(connection, keys, purpose, records);
            readBlocks(connection, keys, rule.registryBlocks(), stopList, erased, registry);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read what decides the numbers", e);
        }
        Map<String, Decision> decisions = new HashMap<>(hashes.length * 2);
        for (String hash : hashes) {
            decisions.put(hash, evaluate(rule, channel, now, records.getOrDefault(hash, List.of()),
                    stopList.get(hash), erased.get(hash), registry.get(hash)));
        }
        return decisions;
    }

    private static void readRecords(Connection connection, Array keys, Purpose purpose,
                                    Map<String, List<Record>> records) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT phone_hash, id, channel, legal_basis, status, valid_until, status_changed_at
                FROM consent
                WHERE phone_hash = ANY (?::bpchar[]) AND purpose = ?
                  AND status IN ('ACTIVE', 'PENDING_CONFIRMATION', 'REVOKED')""")) {
            query.setArray(1, keys);
            query.setString(2, purpose.name());
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    records.computeIfAbsent(row.getString(1), key -> new ArrayList<>()).add(new Record(
                            row.getObject(2, UUID.class), Channel.valueOf(row.getString(3)),
                            LegalBasis.valueOf(row.getString(4)), ConsentStatus.valueOf(row.getString(5)),
                            instant(row.getTimestamp(6)), instant(row.getTimestamp(7))));
                }
            }
        }
    }

    /** Stop list, tombstones and (when the rule asks) the registry version in force, in one statement. */
    private static void readBlocks(Connection connection, Array keys, boolean registryBlocks,
                                   Map<String, Block> stopList, Map<String, Block> erased,
                                   Map<String, Block> registry) throws SQLException {
        String sql = """
                SELECT 'S', phone_hash, id::text, recorded_at FROM stop_list_entry
                WHERE phone_hash = ANY (?::bpchar[]) AND removed_at IS NULL
                UNION ALL
                SELECT 'E', phone_hash, privacy_request_id::text, erased_at FROM erasure_tombstone
                WHERE phone_hash = ANY (?::bpchar[])""";
        if (registryBlocks) {
            sql += """

                    UNION ALL
                    SELECT 'R', phone_hash, version::text, NULL::timestamptz FROM registry_entry
                    WHERE version = (SELECT version FROM registry_current) AND phone_hash = ANY (?::bpchar[])""";
        }
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setArray(1, keys);
            query.setArray(2, keys);
            if (registryBlocks) {
                query.setArray(3, keys);
            }
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    Block block = new Block(row.getString(3), instant(row.getTimestamp(4)));
                    switch (row.getString(1)) {
                        case "S" -> stopList.put(row.getString(2), block);
                        case "E" -> erased.put(row.getString(2), block);
                        default -> registry.putIfAbsent(row.getString(2), block);
                    }
                }
            }
        }
    }

    static Decision evaluate(DecisionRule rule, Channel channel, Instant now, List<Record> all, Block stopList,
                             Block erased, Block registry) {
        List<Reason> reasons = new ArrayList<>();
        if (erased != null) {
            reasons.add(new Reason(ReasonCode.ERASED, "The number was erased on privacy request " + erased.reference()
                    + " and stays blocked for every purpose."));
        }
        List<Record> records = all.stream()
                .filter(record -> rule.accepts(record.basis()))
                .filter(record -> !rule.channelMustMatch() || record.channel() == channel)
                .toList();
        List<Record> active = records.stream()
                .filter(record -> record.status() == ConsentStatus.ACTIVE)
                .filter(record -> record.validUntil() == null || record.validUntil().isAfter(now))
                .sorted(Comparator.comparing(Record::changedAt).reversed())
                .toList();
        Record allowing = active.isEmpty() ? null : active.get(0);
        boolean exempt = false;
        if (stopList != null) {
            Record overriding = active.stream().filter(record -> rule.overridesStopList(record.basis()))
                    .findFirst().orElse(null);
            if (overriding == null) {
                reasons.add(new Reason(ReasonCode.STOP_LIST, "The customer asked not to be called (stop-list entry "
                        + stopList.reference() + " since " + stopList.since() + ")."));
            } else {
                allowing = overriding;
                exempt = true;
            }
        }
        if (rule.registryBlocks() && registry != null) {
            reasons.add(new Reason(ReasonCode.NATIONAL_REGISTRY, "The number is in the national do-not-call registry "
                    + "(version " + registry.reference() + "); " + rule.purpose() + " calls to it are not allowed."));
        }
        if (active.isEmpty()) {
            reasons.addAll(missingBasis(rule, channel, now, records));
        }
        if (!reasons.isEmpty()) {
            return new Decision(false, List.copyOf(reasons), null);
        }
        String detail = (allowing.basis() == LegalBasis.CONSENT ? "Active consent " : "Active record ")
                + allowing.id() + " on legal basis " + allowing.basis() + " for " + rule.purpose()
                + (rule.channelMustMatch() ? " on " + channel : "")
                + (allowing.validUntil() == null ? "" : ", valid until " + allowing.validUntil())
                + (exempt ? "; this basis allows the call although the number is on the stop list" : "") + ".";
        return new Decision(true, List.of(), new AllowedBy(rule.purpose(), allowing.id(), allowing.basis(), detail));
    }

    /** Why no record allows the call: every state the purpose's records are in, or none at all. */
    private static List<Reason> missingBasis(DecisionRule rule, Channel channel, Instant now, List<Record> records) {
        List<Reason> reasons = new ArrayList<>();
        String scope = rule.purpose() + (rule.channelMustMatch() ? " on " + channel : "");
        records.stream().filter(record -> record.status() == ConsentStatus.PENDING_CONFIRMATION).findFirst()
                .ifPresent(record -> reasons.add(new Reason(ReasonCode.PENDING_CONFIRMATION, "Consent "
                        + record.id() + " for " + scope + " waits for the customer's SMS code.")));
        records.stream().filter(record -> record.status() == ConsentStatus.ACTIVE).findFirst()
                .ifPresent(record -> reasons.add(new Reason(ReasonCode.CONSENT_EXPIRED, "Consent " + record.id()
                        + " for " + scope + " expired at " + record.validUntil() + ".")));
        records.stream().filter(record -> record.status() == ConsentStatus.REVOKED)
                .max(Comparator.comparing(Record::changedAt))
                .ifPresent(record -> reasons.add(new Reason(ReasonCode.CONSENT_REVOKED, "Consent " + record.id()
                        + " for " + scope + " was revoked at " + record.changedAt() + ".")));
        if (reasons.isEmpty()) {
            reasons.add(new Reason(ReasonCode.NO_CONSENT, "There is no consent or other accepted basis ("
                    + String.join(", ", rule.acceptedBases().stream().map(Enum::name).toList()) + ") for " + scope
                    + "."));
        }
        return reasons;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
