package io.dialright.contact.domain;

import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A customer and their numbers (C-2). The team decides which supervisors see it. */
@Entity
@Table(name = "contact")
public class Contact {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    public String email;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ContactStatus status;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> tags = new ArrayList<>();

    @Column(nullable = false)
    public String team;

    /** The customer's confirmed IANA zone; overrides the zones derived from the numbers. */
    @Column(name = "time_zone")
    public String timeZone;

    @Column(name = "preferred_from")
    public LocalTime preferredFrom;

    @Column(name = "preferred_to")
    public LocalTime preferredTo;

    /** The latest call with the customer, maintained from call events (segments and signals read it). */
    @Column(name = "last_contact_at")
    public Instant lastContactAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "erased_at")
    public Instant erasedAt;

    @Version
    public long version;

    @OneToMany(mappedBy = "contact", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<ContactPhone> phones = new ArrayList<>();

    /** Where the data came from, oldest first (the first is "the" source). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<ContactSource> sources = new ArrayList<>();

    /** The names and e-mails of duplicates merged into this contact, where they differed from its own. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "other_identities", nullable = false, columnDefinition = "jsonb")
    public List<OtherIdentity> otherIdentities = new ArrayList<>();
}
