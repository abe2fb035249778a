package io.dialright.audit.rest;

import java.time.Instant;
import java.util.UUID;

import io.dialright.audit.chain.AuditTrail;
import io.dialright.audit.domain.AuditEntry;
import io.dialright.platform.events.Actor;

/** An audit entry as privacy officers and supervisors see it. */
public record AuditEntryView(long seq, UUID eventId, Instant occurredAt, String producer, String action, Actor actor,
                             String subject, String requestId, String sourceIp) {

    static AuditEntryView of(AuditEntry entry) {
        return new AuditEntryView(entry.seq, entry.eventId, AuditTrail.instant(entry.occurredAtMicros),
                entry.producer, entry.action, new Actor(entry.actorSubject, entry.actorRole, entry.actorTeam),
                entry.subjectKey, entry.requestId, entry.sourceIp);
    }
}
