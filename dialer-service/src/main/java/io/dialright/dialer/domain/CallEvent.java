package io.dialright.dialer.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One reported moment of a call; stored once per {@link #eventId}. */
@Entity
@Table(name = "call_event")
public class CallEvent {

    @Id
    public UUID id;

    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CallEventType type;

    @Column(name = "call_id", nullable = false)
    public String callId;

    @Column(name = "campaign_id")
    public UUID campaignId;

    @Column(name = "contact_id")
    public UUID contactId;

    @Column(name = "phone_hash", nullable = false, columnDefinition = "bpchar(64)")
    public String phoneHash;

    @Column(nullable = false)
    public String masked;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CallDirection direction;

    @Column(name = "operator_id", nullable = false)
    public String operatorId;

    @Enumerated(EnumType.STRING)
    public CallOutcome outcome;

    @Column(name = "callback_at")
    public Instant callbackAt;

    @Column(name = "refusal_reason")
    public String refusalReason;

    @Column(name = "duration_sec")
    public Integer durationSec;

    @Column(name = "recording_ref")
    public String recordingRef;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "received_from", nullable = false)
    public String receivedFrom;
}
