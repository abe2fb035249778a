package io.dialright.consent.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.consent.config.ConsentConfig;
import io.dialright.consent.domain.Channel;
import io.dialright.consent.domain.ConsentStatus;
import io.dialright.consent.domain.DecisionRule;
import io.dialright.consent.domain.LegalBasis;
import io.dialright.consent.domain.Purpose;
import io.dialright.consent.domain.ReasonCode;
import io.dialright.consent.repository.DecisionRules;

/**
 * "May this number be called for purpose P on channel C now?" (K-6), for one number or ten thousand: one SQL
 * statement per chunk whatever the count (the consents of the purpose, stop list, erasure tombstones and the registry version
 * in force), then the purpose's {@link DecisionRule} applied in memory. Every reason that applies is
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

    /**
     * Everything that decides the numbers, in one statement: the numbers are bound once, and each source is
     * probed through its index with the whole array ({@code = ANY}), whatever the batch size.
     */
    private static final String SQL = """
            WITH number AS (SELECT ?::text[]::bpchar[] AS hashes)
            SELECT 'C', phone_hash, id::text, channel, legal_basis, status, valid_until, status_changed_at
            FROM consent
            WHERE phone_hash = ANY ((SELECT hashes FROM number)::bpchar[]) AND purpose = ?
              AND status IN ('ACTIVE', 'PENDING_CONFIRMATION', 'REVOKED')
            UNION ALL
            SELECT 'S', phone_hash, id::text, NULL, NULL, NULL, NULL, recorded_at
            FROM stop_list_entry
            WHERE phone_hash = ANY ((SELECT hashes FROM number)::bpchar[]) AND removed_at IS NULL
            UNION ALL
            SELECT 'E', phone_hash, privacy_request_id::text, NULL, NULL, NULL, NULL, erased_at
            FROM erasure_tombstone
            WHERE phone_hash = ANY ((SELECT hashes FROM number)::bpchar[])""";

    /** The same, plus the registry version in force (for purposes whose rule asks for it). */
    private static final String WITH_REGISTRY = SQL + """

            UNION ALL
            SELECT 'R', phone_hash, version::text, NULL, NULL, NULL, NULL, NULL
            FROM registry_entry
            WHERE version = (SELECT version FROM registry_current)
              AND phone_hash = ANY ((SELECT hashes FROM number)::bpchar[])""";

    /** Below this many numbers per connection, splitting a batch costs more than it saves. */
    private static final int MIN_CHUNK = 2_500;

    private final DataSource dataSource;
    private final DecisionRules rules;
    private final Clock clock;
    private final int parallelism;
    private final ExecutorService workers;

    public DecisionService(DataSource dataSource, DecisionRules rules, Clock clock, ConsentConfig config) {
        this.dataSource = dataSource;
        this.rules = rules;
        this.clock = clock;
        this.parallelism = Math.max(1, config.decisions().parallelism());
        this.workers = Executors.newFixedThreadPool(parallelism, runnable -> {
            Thread thread = new Thread(runnable, "decision-batch");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    /**
     * Decisions keyed by blind index; duplicates are decided once. A large batch is split into chunks decided on
     * {@code parallelism} connections at once: the database works on every core while the caller waits. Each
     * number is decided on one consistent snapshot.
     */
    public Map<String, Decision> decide(Collection<String> phoneHashes, Purpose purpose, Channel channel) {
        DecisionRule rule = rules.forPurpose(purpose);
        Instant now = clock.instant();
        String[] hashes = new LinkedHashSet<>(phoneHashes).toArray(String[]::new);
        int chunks = Math.max(1, Math.min(parallelism, hashes.length / MIN_CHUNK));
        if (chunks == 1) {
            return decideChunk(hashes, rule, channel, now);
        }
        List<Future<Map<String, Decision>>> parts = new ArrayList<>(chunks);
        int size = (hashes.length + chunks - 1) / chunks;
        for (int from = 0; from < hashes.length; from += size) {
            String[] chunk = Arrays.copyOfRange(hashes, from, Math.min(hashes.length, from + size));
            parts.add(workers.submit(() -> decideChunk(chunk, rule, channel, now)));
        }
        Map<String, Decision> decisions = new HashMap<>(hashes.length * 2);
        try {
            for (Future<Map<String, Decision>> part : parts) {
                decisions.putAll(part.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while deciding a batch", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("Could not decide a batch", e.getCause());
        }
        return decisions;
    }

    private Map<String, Decision> decideChunk(String[] hashes, DecisionRule rule, Channel channel, Instant now) {
        Map<String, List<Record>> records = new HashMap<>();
        Map<String, Block> stopList = new HashMap<>();
        Map<String, Block> erased = new HashMap<>();
        Map<String, Block> registry = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(rule.registryBlocks() ? WITH_REGISTRY : SQL)) {
            query.setArray(1, connection.createArrayOf("text", hashes));
            query.setString(2, rule.purpose().name());
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    String hash = row.getString(2);
                    switch (row.getString(1)) {
                        case "C" -> records.computeIfAbsent(hash, key -> new ArrayList<>()).add(new Record(
                                UUID.fromString(row.getString(3)), Channel.valueOf(row.getString(4)),
                                LegalBasis.valueOf(row.getString(5)), ConsentStatus.valueOf(row.getString(6)),
                                instant(row.getTimestamp(7)), instant(row.getTimestamp(8))));
                        case "S" -> stopList.put(hash, new Block(row.getString(3), instant(row.getTimestamp(8))));
                        case "E" -> erased.put(hash, new Block(row.getString(3), instant(row.getTimestamp(8))));
                        default -> registry.putIfAbsent(hash, new Block(row.getString(3), null));
                    }
                }
            }
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
