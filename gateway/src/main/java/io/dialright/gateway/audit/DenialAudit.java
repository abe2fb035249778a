package io.dialright.gateway.audit;

import jakarta.inject.Singleton;

import io.dialright.gateway.ApiRoutes;
import io.dialright.gateway.events.EventPublisher;
import io.dialright.gateway.security.Verdict;
import io.vertx.core.json.JsonObject;
import org.jboss.logging.Logger;

/**
 * Reports every request the gateway refuses (G-3) as {@code AccessRecorded} with action {@code DENIED} on
 * {@code dialright.audit.v1}, where audit-service chains it into the trail and counts repeated denials per person.
 * The payload names the reason, the status, the method and the API area (never deeper path segments or the query,
 * which may hold numbers), the request id and the client address.
 *
 * <p>Best effort by design: the gateway has no database to hold an outbox, and a refusal must not wait for the
 * broker. If the broker is unreachable the event is dropped after the producer's delivery timeout and a WARN names
 * the request id, so the denial is still traceable in the gateway log.
 */
@Singleton
public class DenialAudit {

    public static final String TOPIC = "dialright.audit.v1";
    public static final String EVENT_TYPE = "AccessRecorded";
    private static final Logger LOG = Logger.getLogger(DenialAudit.class);

    /** Why a request was refused; the audit entry's {@code reason}. */
    public enum Reason {
        /** No valid token (401). */
        TOKEN,
        /** The token's subject is on the revocation list (401). */
        REVOKED,
        /** The role may not use the API area (403). */
        ROLE,
        /** A machine client's token lacks the scope (403). */
        SCOPE,
        /** Over the rate limit (429). */
        RATE_LIMIT
    }

    private final EventPublisher events;

    public DenialAudit(EventPublisher events) {
        this.events = events;
    }

    /**
     * @param caller the verified caller, or {@code null} when the token itself was refused
     */
    public void denied(Reason reason, int status, Verdict.Accepted caller, String method, String path,
                       String requestId, String clientAddress) {
        JsonObject payload = new JsonObject()
                .put("action", "DENIED")
                .put("reason", reason.name())
                .put("status", status)
                .put("method", method)
                .put("area", ApiRoutes.area(path))
                .put("requestId", requestId)
                .put("sourceIp", clientAddress);
        JsonObject actor = caller == null ? null
                : EventPublisher.actor(caller.subject(), caller.roles(), caller.team());
        String key = caller != null ? caller.subject() : clientAddress;
        events.publish(TOPIC, EVENT_TYPE, key, actor, payload).whenComplete((sent, failure) -> {
            if (failure != null) {
                LOG.warnf("The denial of request %s (%s, %d) could not be sent to the audit trail: %s", requestId,
                        reason, status, failure.getMessage());
            }
        });
    }
}
