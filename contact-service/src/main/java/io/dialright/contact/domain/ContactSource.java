package io.dialright.contact.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One channel a contact's data came through; a merged contact keeps those of both. */
@Entity
@Table(name = "contact_source")
public class ContactSource {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "contact_id")
    public Contact contact;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SourceChannel channel;

    /** The ad campaign, shop or form that brought the number, when known. */
    public String campaign;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
