package io.dialright.dialer.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.dialer.domain.CallEvent;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Call events by id. */
@ApplicationScoped
public class CallEventRepository implements PanacheRepositoryBase<CallEvent, UUID> {

    /**
     * Stores the event unless one with the same event id exists; {@code false} for a replay. The unique constraint
     * decides, so concurrent deliveries of one webhook store it exactly once.
     */
    public boolean addIfNew(CallEvent event) {
        int inserted = getEntityManager().createNativeQuery("""
                        INSERT INTO call_event (id, event_id, type, call_id, campaign_id, contact_id, phone_hash,
                                                masked, direction, operator_id, outcome, callback_at,
                                                refusal_reason, duration_sec, recording_ref, occurred_at,
                                                received_at, received_from)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
                        ON CONFLICT (event_id) DO NOTHING""")
                .setParameter(1, event.id)
                .setParameter(2, event.eventId)
                .setParameter(3, event.type.name())
                .setParameter(4, event.callId)
                .setParameter(5, event.campaignId)
                .setParameter(6, event.contactId)
                .setParameter(7, event.phoneHash)
                .setParameter(8, event.masked)
                .setParameter(9, event.direction.name())
                .setParameter(10, event.operatorId)
                .setParameter(11, event.outcome == null ? null : event.outcome.name())
                .setParameter(12, event.callbackAt)
                .setParameter(13, event.refusalReason)
                .setParameter(14, event.durationSec)
                .setParameter(15, event.recordingRef)
                .setParameter(16, event.occurredAt)
                .setParameter(17, event.receivedAt)
                .setParameter(18, event.receivedFrom)
                .executeUpdate();
        return inserted == 1;
    }
}
