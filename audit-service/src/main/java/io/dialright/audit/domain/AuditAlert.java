package io.dialright.audit.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An alert raised by a rule; written by {@code AlertRaiser}, read by the alerts endpoint. */
@Entity
@Table(name = "audit_alert")
public class AuditAlert {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String rule;

    @Column(name = "actor_subject", nullable = false)
    public String actorSubject;

    @Column(name = "actor_team")
    public String actorTeam;

    @Column(name = "window_seconds", nullable = false)
    public long windowSeconds;

    @Column(name = "triggered_at_micros", nullable = false)
    public long triggeredAtMicros;

    @Column(name = "triggered_by_seq", nullable = false)
    public long triggeredBySeq;

    @Column(nullable = false)
    public int observed;

    @Column(nullable = false)
    public int threshold;

    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;

    @Column(nullable = false)
    public String detail;
}
