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
 * A consent (or another legal basis) for one number, purpose and channel (K-1). The facts of the capture never
 * change (a database trigger refuses it); {@link #status} mirrors the latest {@link ConsentState}.
 */
@Entity
@Table(name = "consent")
public class Consent {

    @Id
    public UUID id;

    @Column(name = "contact_id", nullable = false)
    public UUID contactId;

    @Column(name = "phone_hash", nullable = false, columnDefinition = "bpchar(64)")
    public String phoneHash;

    @Column(nullable = false)
    public String masked;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Purpose purpose;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(name = "legal_basis", nullable = false)
    public LegalBasis legalBasis;

    @Enumerated(EnumType.STRING)
    @Column(name = "capture_method", nullable = false)
    public CaptureMethod captureMethod;

    @Column(nullable = false)
    public String source;

    @Column(name = "capture_reference")
    public String captureReference;

    @Column(name = "template_id")
    public UUID templateId;

    @Column(name = "captured_at", nullable = false)
    public Instant capturedAt;

    @Column(name = "valid_until")
    public Instant validUntil;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConsentStatus status;

    @Column(name = "status_changed_at", nullable = false)
    public Instant statusChangedAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "source_ip")
    public String sourceIp;

    @Column(name = "user_agent")
    public String userAgent;

    /** The status as of {@code now}: an active consent past its {@code validUntil} is expired. */
    public ConsentStatus statusAt(Instant now) {
        if (status == ConsentStatus.ACTIVE && validUntil != null && !validUntil.isAfter(now)) {
            return ConsentStatus.EXPIRED;
        }
        return status;
    }
}
