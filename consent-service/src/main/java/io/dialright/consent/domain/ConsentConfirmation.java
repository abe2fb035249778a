package io.dialright.consent.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The double opt-in of a consent (K-3): the current code as a keyed hash, its expiry and attempts, and the send and
 * confirmation times with the confirming request's metadata as proof.
 */
@Entity
@Table(name = "consent_confirmation")
public class ConsentConfirmation {

    @Id
    @Column(name = "consent_id")
    public UUID consentId;

    @Column(name = "code_hash", nullable = false, columnDefinition = "bpchar(64)")
    public String codeHash;

    @Column(name = "first_sent_at", nullable = false)
    public Instant firstSentAt;

    @Column(name = "last_sent_at", nullable = false)
    public Instant lastSentAt;

    @Column(nullable = false)
    public int sends;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    @Column(name = "confirmed_by")
    public String confirmedBy;

    @Column(name = "confirm_request_id")
    public String confirmRequestId;

    @Column(name = "confirm_source_ip")
    public String confirmSourceIp;

    @Column(name = "confirm_user_agent")
    public String confirmUserAgent;
}
