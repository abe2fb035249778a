package io.dialright.audit.rest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.dialright.audit.domain.AuditEntry;
import io.dialright.platform.events.Actor;

/** An audit entry as privacy officers and supervisors see it. */
public record AuditEntryView(long seq, UUID eventId, Instant occurredAt, String producer, String action, Actor actor,
                             String subject, String requestId, String sourceIp) {

    static AuditEntryView of(AuditEntry entry) {
        Instant occurredAt = Instant.EPOCH.plus(entry.occurredAtMicros, ChronoUnit.MICROS);
        return new AuditEntryView(entry.seq, entry.eventId, occurredAt, entry.producer, entry.action,
                new Actor(entry.actorSubject, entry.actorRole, entry.actorTeam), entry.subjectKey, entry.requestId,
                entry.sourceIp);
    }
}
