package io.dialright.consent.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One import of the national do-not-call registry file: a new registry version, and its progress. */
@Entity
@Table(name = "registry_import")
public class RegistryImport {

    @Id
    public UUID id;

    @Column(nullable = false)
    public int version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RegistryImportStatus status;

    @Column(name = "file_name")
    public String fileName;

    @Column(nullable = false)
    public long total;

    @Column(nullable = false)
    public long processed;

    @Column(nullable = false)
    public long listed;

    @Column(nullable = false)
    public long duplicates;

    @Column(nullable = false)
    public long rejected;

    /** JSON array of {@code {line, reason}}, the first rejected lines only. */
    @Column(nullable = false)
    public String errors;

    public String failure;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "completed_at")
    public Instant completedAt;
}
