package io.dialright.audit.chain;

import java.util.UUID;

/** The fields of an audit entry that its hash covers, in the order they are hashed. */
public record ChainedEntry(long seq, UUID eventId, long occurredAtMicros, long recordedAtMicros, String producer,
                           String action, String actorSubject, String actorRole, String actorTeam,
                           String subjectKey, String subjectHash, String requestId, String sourceIp,
                           String details) {
}
