package io.dialright.dialer.members;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A background job adding contacts (explicit ids or a segment's members) to a campaign, with its progress. */
@Entity
@Table(name = "member_job")
public class MemberJob {

    public enum Status { QUEUED, RUNNING, COMPLETED, FAILED }

    @Id
    public UUID id;

    @Column(name = "campaign_id", nullable = false)
    public UUID campaignId;

    @Column(name = "segment_id")
    public UUID segmentId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "contact_ids", columnDefinition = "uuid[]")
    public UUID[] contactIds;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** Contacts asked for so far (a segment's size is known only once read). */
    @Column(nullable = false)
    public int requested;

    @Column(nullable = false)
    public int added;

    @Column(name = "already_members", nullable = false)
    public int alreadyMembers;

    /** Contacts the supervisor may not see in full, erased or inactive ones: never added. */
    @Column(name = "not_available", nullable = false)
    public int notAvailable;

    @Column(name = "no_number", nullable = false)
    public int noNumber;

    public String error;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
