package io.dialright.audit.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One audited action. Rows are only ever inserted (by the consumer) and read. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    @Id
    public Long id;

    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

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

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "source_ip")
    public String sourceIp;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String details;
}
