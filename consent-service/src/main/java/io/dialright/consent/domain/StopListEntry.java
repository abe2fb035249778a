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
 * A number on the stop list, found by its blind index. Inserted only by {@code StopListRepository#addIfAbsent};
 * a removal (supervisor, with a reason) sets {@link #removedAt} and keeps the row.
 */
@Entity
@Table(name = "stop_list_entry")
public class StopListEntry {

    @Id
    public UUID id;

    @Column(name = "phone_hash", nullable = false, columnDefinition = "bpchar(64)")
    public String phoneHash;

    @Column(nullable = false)
    public String masked;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CustomerChannel channel;

    @Column(nullable = false)
    public String source;

    public String reason;

    @Column(name = "call_id")
    public String callId;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "removed_at")
    public Instant removedAt;

    @Column(name = "removed_by")
    public String removedBy;

    @Column(name = "removal_reason")
    public String removalReason;
}
