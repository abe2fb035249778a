package io.dialright.consent.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One step of a consent's history: who moved it to which state, when, through which channel and why. */
@Entity
@Table(name = "consent_state")
public class ConsentState {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "consent_id", nullable = false)
    public UUID consentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConsentStatus status;

    @Column(nullable = false)
    public Instant at;

    @Column(name = "actor_subject", nullable = false)
    public String actorSubject;

    @Column(name = "actor_role")
    public String actorRole;

    public String channel;

    public String reason;
}
