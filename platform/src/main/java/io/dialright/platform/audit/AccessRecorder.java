package io.dialright.platform.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.platform.events.Actor;
import io.dialright.platform.events.Topics;
import io.dialright.platform.outbox.Outbox;
import org.jboss.logging.MDC;

/**
 * Reports an action on a number or contact to the audit trail: an {@code AccessRecorded} event on
 * {@code dialright.audit.v1}, written through the outbox in the caller's transaction, so an action is audited
 * exactly when it took effect. The payload never holds a number: the subject is a contact id and/or a blind index.
 */
@ApplicationScoped
public class AccessRecorder {

    public static final String EVENT_TYPE = "AccessRecorded";

    private final Outbox outbox;

    public AccessRecorder(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * One audited action, to be recorded with others ({@link #recordAll}); the fields as {@link #record} takes them,
     * and when it happened if that was before it is recorded ({@code null}: now).
     */
    public record Access(Actor actor, String action, String subjectKey, String phoneHash, Map<String, ?> details,
                         Instant occurredAt) {

        public Access(Actor actor, String action, String subjectKey, String phoneHash, Map<String, ?> details) {
            this(actor, action, subjectKey, phoneHash, details, null);
        }
    }

    /**
     * @param action     what was done: {@code CREATE}, {@code VIEW}, {@code VIEW_FULL_NUMBER}, {@code COPY},
     *                   {@code EDIT}, {@code LOOKUP}, {@code EXPORT}, {@code MERGE}, {@code DENIED}, …
     * @param subjectKey the contact (or other record) id acted on; may be {@code null} for a number-only action
     * @param phoneHash  the blind index of the number concerned, if any
     * @param details    further non-personal facts (counts, ids, outcome); may be empty
     */
    public UUID record(Actor actor, String action, String subjectKey, String phoneHash, Map<String, ?> details) {
        return recordAll(List.of(new Access(actor, action, subjectKey, phoneHash, details))).get(0);
    }

    /** Many actions in the caller's transaction, written together; an event each, in their order. */
    public List<UUID> recordAll(List<Access> accesses) {
        return outbox.publishAll(Topics.AUDIT, EVENT_TYPE, accesses.stream().map(AccessRecorder::publication).toList());
    }

    private static Outbox.Publication publication(Access access) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("action", access.action());
        payload.put("subjectKey", access.subjectKey());
        payload.put("phoneHash", access.phoneHash());
        Object requestId = MDC.get("requestId");
        payload.put("requestId", requestId == null ? null : requestId.toString());
        Object sourceIp = MDC.get("sourceIp");
        payload.put("sourceIp", sourceIp == null ? null : sourceIp.toString());
        payload.putAll(access.details());
        payload.values().removeIf(value -> value == null);
        String key = access.subjectKey() != null ? access.subjectKey()
                : access.phoneHash() != null ? access.phoneHash() : access.actor().subject();
        return new Outbox.Publication(key, access.actor(), payload, access.occurredAt());
    }
}
