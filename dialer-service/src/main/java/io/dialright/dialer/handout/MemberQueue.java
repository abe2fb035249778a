package io.dialright.dialer.handout;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.dialer.rules.CalleeZones;

/**
 * The hand-out queue of a campaign in SQL. The next candidate is locked with {@code FOR UPDATE SKIP LOCKED} — due
 * callbacks first, then per open zone set VIPs and the least recently attempted — and leased in the same
 * transaction once checked, so two operators asking at once never get the same contact. Everything here runs in
 * the caller's transaction.
 */
@ApplicationScoped
public class MemberQueue {

    /** Who asks, and what to leave out. */
    public record Claim(UUID campaignId, List<String> openZoneKeys, String operatorId, boolean sensitive,
                        Instant otherOperatorLockedSince, Collection<UUID> excluded, Instant now) {
    }

    private static final String COLUMNS = """
            m.campaign_id, m.contact_id, m.phone_hash, m.phone_ciphertext, m.key_id, m.masked, m.zone_key,
            z.zones, z.ambiguous, m.zone_confirmed, m.preferred_from, m.preferred_to, m.vip, m.source_channel,
            m.script_variant, m.state, m.callback_due_at, m.attempts, m.last_attempt_at, m.last_operator_id,
            m.lease_id, m.lease_operator, m.lease_expires_at""";

    /** Sensitive campaigns: nobody else may call within the lock hours of the last attempt. */
    private static final String SENSITIVE_FILTER = """
            AND (NOT ? OR m.last_operator_id IS NULL OR m.last_operator_id = ?
                 OR coalesce(m.last_attempt_at, '-infinity') < ?)""";

    private static final String PRE_FILTER = """
            AND m.contact_id <> ALL(?)
            AND NOT EXISTS (SELECT 1 FROM stop_list_projection s WHERE s.phone_hash = m.phone_hash)""";

    /**
     * The next candidate in one statement: the earliest due callback, or else the best of the heads of the open zone
     * sets (each head is the first of its set's queue; all of them stay locked until the caller's transaction ends,
     * one is returned). A campaign's numbers may span many zone sets, and one round trip per set would make every
     * hand-out pay for the campaign's geography.
     */
    private static final String CLAIM = """
            WITH callback AS (
                SELECT %1$s FROM campaign_member m JOIN campaign_zone_set z
                       ON z.campaign_id = m.campaign_id AND z.zone_key = m.zone_key
                WHERE m.campaign_id = ? AND m.state = 'CALLBACK' AND m.callback_due_at <= ?
                      AND m.zone_key = ANY(?) %2$s %3$s
                ORDER BY m.callback_due_at
                LIMIT 1 FOR UPDATE OF m SKIP LOCKED),
            head AS (
                SELECT h.* FROM unnest(?::text[]) AS open_zone(zone_key) CROSS JOIN LATERAL (
                    SELECT %1$s FROM campaign_member m JOIN campaign_zone_set z
                           ON z.campaign_id = m.campaign_id AND z.zone_key = m.zone_key
                    WHERE m.campaign_id = ? AND m.zone_key = open_zone.zone_key AND m.state = 'READY' %2$s %3$s
                    ORDER BY m.vip DESC, m.last_attempt_at ASC NULLS FIRST, m.contact_id
                    LIMIT 1 FOR UPDATE OF m SKIP LOCKED) h)
            SELECT * FROM callback
            UNION ALL
            (SELECT * FROM head WHERE NOT EXISTS (SELECT 1 FROM callback)
             ORDER BY vip DESC, last_attempt_at ASC NULLS FIRST, contact_id
             LIMIT 1)""".formatted(COLUMNS, SENSITIVE_FILTER, PRE_FILTER);

    private final DataSource dataSource;

    public MemberQueue(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Locks the next candidate for the caller's transaction, or nothing when no open zone set has one. Concurrent
     * callers skip locked rows, so each examines a different candidate.
     */
    public Optional<Member> lockNext(Claim claim) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(CLAIM)) {
            Array openZones = connection.createArrayOf("text", claim.openZoneKeys().toArray());
            Array excluded = connection.createArrayOf("uuid", claim.excluded().toArray());
            int i = 1;
            select.setObject(i++, claim.campaignId());
            select.setTimestamp(i++, Timestamp.from(claim.now()));
            select.setArray(i++, openZones);
            i = bindFilters(select, i, claim, excluded);
            select.setArray(i++, openZones);
            select.setObject(i++, claim.campaignId());
            bindFilters(select, i, claim, excluded);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(member(rows)) : Optional.empty();
            }
        }
    }

    /** The parameters of {@link #SENSITIVE_FILTER} and {@link #PRE_FILTER}, from {@code i} on; the next index. */
    private static int bindFilters(PreparedStatement select, int i, Claim claim, Array excluded)
            throws SQLException {
        select.setBoolean(i++, claim.sensitive());
        select.setString(i++, claim.operatorId());
        select.setTimestamp(i++, Timestamp.from(claim.otherOperatorLockedSince()));
        select.setArray(i++, excluded);
        return i;
    }

    /** A member locked for an update (a call's outcome), if the campaign has it. */
    public Optional<Member> lock(UUID campaignId, UUID contactId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT %s FROM campaign_member m JOIN campaign_zone_set z
                            ON z.campaign_id = m.campaign_id AND z.zone_key = m.zone_key
                     WHERE m.campaign_id = ? AND m.contact_id = ? FOR UPDATE OF m""".formatted(COLUMNS))) {
            select.setObject(1, campaignId);
            select.setObject(2, contactId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(member(rows)) : Optional.empty();
            }
        }
    }

    /** What a completed call leaves behind: the member's next state and its attempt bookkeeping. */
    public record AfterCall(String state, Instant callbackDueAt, Instant nextEligibleAt, String blockCode,
                            boolean attempt, Instant at, String operatorId, String outcome) {
    }

    public void afterCall(Member member, AfterCall after) throws SQLException {
        update("""
                UPDATE campaign_member SET state = ?, callback_due_at = ?, next_eligible_at = ?, block_code = ?,
                       attempts = attempts + ?, last_attempt_at = CASE WHEN ? THEN ? ELSE last_attempt_at END,
                       last_operator_id = CASE WHEN ? THEN ? ELSE last_operator_id END, outcome = ?,
                       lease_id = NULL, lease_operator = NULL, lease_expires_at = NULL
                WHERE campaign_id = ? AND contact_id = ?""", after.state(), timestamp(after.callbackDueAt()),
                timestamp(after.nextEligibleAt()), after.blockCode(), after.attempt() ? 1 : 0, after.attempt(),
                timestamp(after.at()), after.attempt(), after.operatorId(), after.outcome(), member.campaignId(),
                member.contactId());
    }

    /** The operator's call on the member leased to them is going on: the lease lasts until {@code until}. */
    public void extendLease(UUID campaignId, UUID contactId, String operatorId, Instant until) throws SQLException {
        update("""
                UPDATE campaign_member SET lease_expires_at = greatest(lease_expires_at, ?)
                WHERE campaign_id = ? AND contact_id = ? AND state = 'LEASED' AND lease_operator = ?""",
                timestamp(until), campaignId, contactId, operatorId);
    }

    /**
     * Whether the hand-out may take this number now: no other hand-out of it is being decided (a transaction-scoped
     * advisory lock on the blind index) and no other membership of it is leased — the same person must not get a
     * second call while an operator is on the phone with them, whatever the campaign or the duplicate contact.
     */
    public boolean numberFree(Member member, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement check = connection.prepareStatement("""
                     SELECT pg_try_advisory_xact_lock(hashtextextended(?, 7191)),
                            EXISTS (SELECT 1 FROM campaign_member WHERE phone_hash = ? AND state = 'LEASED'
                                      AND lease_expires_at > ? AND NOT (campaign_id = ? AND contact_id = ?))""")) {
            check.setString(1, member.phoneHash());
            check.setString(2, member.phoneHash());
            check.setTimestamp(3, Timestamp.from(now));
            check.setObject(4, member.campaignId());
            check.setObject(5, member.contactId());
            try (ResultSet row = check.executeQuery()) {
                return row.next() && row.getBoolean(1) && !row.getBoolean(2);
            }
        }
    }

    /** The member of a campaign if it is leased to {@code operatorId} now (operators report only their own calls). */
    public boolean isLeasedTo(UUID campaignId, UUID contactId, String operatorId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT 1 FROM campaign_member WHERE campaign_id = ? AND contact_id = ? AND state = 'LEASED'
                       AND lease_operator = ?""")) {
            select.setObject(1, campaignId);
            select.setObject(2, contactId);
            select.setString(3, operatorId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Puts a claimed member aside until {@code until}, with the reason it was skipped. */
    public void postpone(Member member, Instant until, String code) throws SQLException {
        update("""
                UPDATE campaign_member SET state = 'WAITING', next_eligible_at = ?, block_code = ?,
                       lease_id = NULL, lease_operator = NULL, lease_expires_at = NULL
                WHERE campaign_id = ? AND contact_id = ?""", timestamp(until), code, member.campaignId(),
                member.contactId());
    }

    /** Moves a callback's due time to when it may be served (the agreed time fell outside the allowed hours). */
    public void deferCallback(Member member, Instant dueAt) throws SQLException {
        update("""
                UPDATE campaign_member SET state = 'CALLBACK', callback_due_at = ?, lease_id = NULL,
                       lease_operator = NULL, lease_expires_at = NULL
                WHERE campaign_id = ? AND contact_id = ?""", timestamp(dueAt), member.campaignId(),
                member.contactId());
    }

    /** Leases a locked candidate to {@code operatorId} until {@code until}: it is handed out. */
    public Member lease(Member member, String operatorId, Instant until) throws SQLException {
        UUID leaseId = UUID.randomUUID();
        update("""
                UPDATE campaign_member SET state = 'LEASED', lease_id = ?, lease_operator = ?, lease_expires_at = ?,
                       block_code = NULL
                WHERE campaign_id = ? AND contact_id = ?""", leaseId, operatorId, timestamp(until),
                member.campaignId(), member.contactId());
        return new Member(member.campaignId(), member.contactId(), member.phoneHash(), member.ciphertext(),
                member.keyId(), member.masked(), member.zones(), member.preferredFrom(), member.preferredTo(),
                member.vip(), member.sourceChannel(), member.scriptVariant(), "LEASED", member.callbackDueAt(),
                member.attempts(), member.lastAttemptAt(), member.lastOperatorId(), leaseId, operatorId, until);
    }

    private static Member member(ResultSet row) throws SQLException {
        Array zoneArray = row.getArray("zones");
        List<ZoneId> zones = new ArrayList<>();
        for (Object zone : (Object[]) zoneArray.getArray()) {
            zones.add(ZoneId.of((String) zone));
        }
        CalleeZones calleeZones = new CalleeZones(zones, row.getBoolean("ambiguous"), row.getBoolean("zone_confirmed"));
        return new Member(row.getObject("campaign_id", UUID.class), row.getObject("contact_id", UUID.class),
                row.getString("phone_hash"), row.getBytes("phone_ciphertext"), row.getString("key_id"),
                row.getString("masked"), calleeZones, row.getObject("preferred_from", LocalTime.class),
                row.getObject("preferred_to", LocalTime.class), row.getBoolean("vip"),
                row.getString("source_channel"), row.getString("script_variant"), row.getString("state"),
                instant(row, "callback_due_at"), row.getInt("attempts"), instant(row, "last_attempt_at"),
                row.getString("last_operator_id"), row.getObject("lease_id", UUID.class),
                row.getString("lease_operator"), instant(row, "lease_expires_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private int update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            return update.executeUpdate();
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
