package io.dialright.consent.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A privacy request ticket (K-7, K-8). The number is kept as its blind index only; {@link #masked} is cleared when
 * an erasure completes, so what stays for the regulator is pseudonymised.
 */
@Entity
@Table(name = "privacy_request")
public class PrivacyRequest {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PrivacyRequestType type;

    @Column(name = "phone_hash", nullable = false, columnDefinition = "bpchar(64)")
    public String phoneHash;

    public String masked;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CustomerChannel channel;

    @Column(nullable = false)
    public String requester;

    @Column(name = "received_by", nullable = false)
    public String receivedBy;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "due_by", nullable = false)
    public Instant dueBy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PrivacyRequestStatus status;

    @Column(name = "completed_at")
    public Instant completedAt;

    /** When the overdue check first found the request open past its due date. */
    @Column(name = "overdue_at")
    public Instant overdueAt;

    /** The access report as JSON (ACCESS only). */
    public String report;

    public boolean isOverdue(Instant now) {
        return status == PrivacyRequestStatus.OPEN && now.isAfter(dueBy);
    }
}
