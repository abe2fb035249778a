package io.dialright.audit.domain;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One audited action, as stored in the chain. Rows are only ever inserted (by {@code AuditTrail}) and read. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    @Id
    public Long seq;

    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;

    @Column(name = "occurred_at_micros", nullable = false)
    public long occurredAtMicros;

    @Column(name = "recorded_at_micros", nullable = false)
    public long recordedAtMicros;

    @Column(nullable = false)
    public String producer;

    @Column(nullable = false)
    public String action;

    @Column(name = "actor_subject")
    public String actorSubject;

    @Column(name = "actor_role")
    public String actorRole;

    @Column(name = "actor_team")
    public String actorTeam;

    @Column(name = "subject_key")
    public String subjectKey;

    @Column(name = "subject_hash")
    public String subjectHash;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "source_ip")
    public String sourceIp;

    @Column(nullable = false)
    public String details;

    @Column(name = "prev_hash", nullable = false)
    public byte[] prevHash;

    @Column(name = "entry_hash", nullable = false)
    public byte[] entryHash;
}
