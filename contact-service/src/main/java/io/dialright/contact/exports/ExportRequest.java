package io.dialright.contact.exports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A request to take contacts out of the system (C-9), and what became of it. */
@Entity
@Table(name = "export_request")
public class ExportRequest {

    public enum Status {
        REQUESTED,
        APPROVED,
        REJECTED,
        /** The archive was handed out; it cannot be downloaded again. */
        DOWNLOADED
    }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public boolean pseudonymised;

    @Column(name = "segment_id")
    public UUID segmentId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "contact_ids", columnDefinition = "uuid[]")
    public List<UUID> contactIds = new ArrayList<>();

    @Column(nullable = false)
    public String reason;

    @Column(nullable = false)
    public String team;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "downloaded_at")
    public Instant downloadedAt;

    /** How many contacts the archive held. */
    public Integer contacts;
}
