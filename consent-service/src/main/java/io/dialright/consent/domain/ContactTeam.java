package io.dialright.consent.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The team a contact belongs to, as contact-service announced it; mapped for queries, written by
 * {@code ContactTeams} only. A supervisor reaches the consents of their team's contacts.
 */
@Entity
@Table(name = "contact_team")
public class ContactTeam {

    @Id
    @Column(name = "contact_id")
    public UUID contactId;

    @Column(nullable = false)
    public String team;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
