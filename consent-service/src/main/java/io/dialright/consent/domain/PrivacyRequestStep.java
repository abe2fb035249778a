package io.dialright.consent.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One step of a privacy request's timeline (received, blocked, confirmed by a service, completed, overdue). */
@Entity
@Table(name = "privacy_request_step")
public class PrivacyRequestStep {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "privacy_request_id", nullable = false)
    public UUID privacyRequestId;

    @Column(nullable = false)
    public String step;

    @Column(nullable = false)
    public Instant at;

    @Column(name = "by_whom", nullable = false)
    public String byWhom;

    public String note;
}
