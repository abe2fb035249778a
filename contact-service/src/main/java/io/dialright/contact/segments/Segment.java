package io.dialright.contact.segments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A saved filter over one team's contacts (C-10): all of {@code tags}, any of {@code sources} and {@code statuses},
 * and the age of the last contact. Campaigns reference it; its members are whoever matches when asked.
 */
@Entity
@Table(name = "segment")
public class Segment {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String team;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> tags = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> sources = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> statuses = new ArrayList<>();

    /** Only contacts whose last call is at least this many days ago (or who were never called). */
    @Column(name = "last_contact_older_than_days")
    public Integer lastContactOlderThanDays;

    /** Only contacts called within this many days. */
    @Column(name = "last_contact_within_days")
    public Integer lastContactWithinDays;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
