package io.dialright.contact.service;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.platform.audit.AccessRecorder;
import io.dialright.platform.security.CurrentActor;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The audited actions of contact-service: each is an {@code AccessRecorded} event in the transaction of the
 * action. A refusal is recorded in a transaction of its own, because the request that was refused rolls back.
 */
@ApplicationScoped
public class AuditTrail {

    private final AccessRecorder recorder;
    private final CurrentActor actor;

    public AuditTrail(AccessRecorder recorder, CurrentActor actor) {
        this.recorder = recorder;
        this.actor = actor;
    }

    public void record(String action, UUID contactId, String phoneHash, Map<String, ?> details) {
        recorder.record(actor.asActor(), action, contactId == null ? null : contactId.toString(), phoneHash, details);
    }

    /** An object-level refusal (answered 404 to the caller), recorded as {@code DENIED} whatever happens next. */
    public void denied(String attempted, UUID contactId) {
        QuarkusTransaction.requiringNew().run(() -> recorder.record(actor.asActor(), "DENIED",
                contactId == null ? null : contactId.toString(), null, Map.of("attempted", attempted)));
    }

    /** An action refused for every caller, recorded as the attempt it was (e.g. {@code DELETE_ATTEMPT}). */
    public void attempted(String action, UUID contactId) {
        QuarkusTransaction.requiringNew().run(() -> recorder.record(actor.asActor(), action,
                contactId == null ? null : contactId.toString(), null, Map.of()));
    }
}
