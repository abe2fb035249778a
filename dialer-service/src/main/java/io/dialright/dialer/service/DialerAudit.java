package io.dialright.dialer.service;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.platform.audit.AccessRecorder;
import io.dialright.platform.security.CurrentActor;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The audited actions of dialer-service (A-1, D-3): hand-outs, skips, member requests, refusals. Each is an
 * {@code AccessRecorded} event in the transaction of the action; a refusal in a transaction of its own, because the
 * refused request rolls back.
 */
@ApplicationScoped
public class DialerAudit {

    private final AccessRecorder recorder;
    private final CurrentActor actor;

    public DialerAudit(AccessRecorder recorder, CurrentActor actor) {
        this.recorder = recorder;
        this.actor = actor;
    }

    public void record(String action, String subjectKey, String phoneHash, Map<String, ?> details) {
        recorder.record(actor.asActor(), action, subjectKey, phoneHash, details);
    }

    /** An object-level refusal (answered 404), recorded as {@code DENIED} whatever happens next. */
    public void denied(String attempted, String subjectKey) {
        QuarkusTransaction.requiringNew().run(() -> recorder.record(actor.asActor(), "DENIED", subjectKey, null,
                Map.of("attempted", attempted)));
    }
}
