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
 * A version of a consent text (K-2) with what the law asks it to state. Once {@link #firstShownAt} is set (a consent
 * referenced it) the version is immutable, enforced by a database trigger as well.
 */
@Entity
@Table(name = "consent_template")
public class ConsentTemplate {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public int version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Purpose purpose;

    @Column(name = "company_name", nullable = false)
    public String companyName;

    @Column(nullable = false)
    public String inn;

    @Column(name = "company_address", nullable = false)
    public String companyAddress;

    @Column(name = "data_composition", nullable = false)
    public String dataComposition;

    @Column(name = "processing_methods", nullable = false)
    public String processingMethods;

    @Column(nullable = false)
    public String term;

    @Column(nullable = false)
    public String revocation;

    public String frequency;

    @Column(nullable = false)
    public String body;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "first_shown_at")
    public Instant firstShownAt;

    public boolean shown() {
        return firstShownAt != null;
    }
}
