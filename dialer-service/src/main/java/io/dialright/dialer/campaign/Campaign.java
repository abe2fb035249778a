package io.dialright.dialer.campaign;

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
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A calling campaign (D-1). Its members and their queue live in {@code campaign_member}. */
@Entity
@Table(name = "campaign")
public class Campaign {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Purpose purpose;

    @Column(name = "ruleset_id", nullable = false)
    public String rulesetId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "script_variants", nullable = false, columnDefinition = "jsonb")
    public List<ScriptVariant> scriptVariants = new ArrayList<>();

    /** Operators of these teams may ask for calls; supervisors of these teams manage it. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> teams = new ArrayList<>();

    /** No call by another operator within the ruleset's lock hours (debt collection, complaints, …). */
    @Column(nullable = false)
    public boolean sensitive;

    /** Higher first among campaigns; inside a campaign VIP members come first. */
    @Column(nullable = false)
    public int priority;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CampaignStatus status;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "follow_up_sms", columnDefinition = "jsonb")
    public FollowUpSms followUpSms;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public boolean isManagedBy(String team) {
        return team != null && teams.contains(team);
    }
}
