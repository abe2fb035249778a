package io.dialright.dialer.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A number consent-service has put on the stop list, as learnt from {@code OptOutRecorded}. */
@Entity
@Table(name = "stop_list_projection")
public class StopListProjection {

    @Id
    @Column(name = "phone_hash", columnDefinition = "bpchar(64)")
    public String phoneHash;

    @Column(name = "opted_out_at", nullable = false)
    public Instant optedOutAt;

    @Column(name = "source_event_id", nullable = false)
    public UUID sourceEventId;
}
