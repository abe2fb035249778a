package io.dialright.contact.imports;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One uploaded file and its progress (C-6). Created by the resource, advanced by {@link ImportRunner}. */
@Entity
@Table(name = "import_job")
public class ImportJob {

    public enum Status {
        QUEUED,
        RUNNING,
        COMPLETED,
        /** The file as a whole could not be read (e.g. no name column); {@code failure} says why. */
        FAILED
    }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ImportFormat format;

    @Column(nullable = false)
    public String charset;

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "spool_path", nullable = false)
    public String spoolPath;

    @Column(nullable = false)
    public String team;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "requested_role", nullable = false)
    public String requestedRole;

    public Long total;

    @Column(nullable = false)
    public long processed;

    @Column(nullable = false)
    public long imported;

    @Column(nullable = false)
    public long duplicates;

    @Column(nullable = false)
    public long rejected;

    public String failure;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
