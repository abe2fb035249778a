package io.dialright.gateway.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.inject.Singleton;

import io.dialright.access.Revocation;
import io.dialright.access.Revoker;
import io.dialright.gateway.audit.DenialAudit;
import io.dialright.gateway.events.EventPublisher;
import io.dialright.gateway.http.Problem;
import io.dialright.gateway.http.ProblemWriter;
import io.dialright.gateway.http.RequestIds;
import io.dialright.gateway.limits.LimitedBody;
import io.dialright.gateway.security.Verdict;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jboss.logging.Logger;

/**
 * The gateway's own API, for administrators (the caller's role is checked before this runs):
 * <ul>
 * <li>{@code POST /api/access/revocations} {@code {subject, reason, effectiveAt?}} → 201 the revocation in force, once
 * the broker has it; tokens of {@code subject} issued up to {@code effectiveAt} (default now) are refused from then
 * on, here and in every service;</li>
 * <li>{@code GET /api/access/revocations} → 200 {@code {items, total}}.</li>
 * </ul>
 */
@Singleton
public class RevocationRoutes {

    public static final String PATH = "/api/access/revocations";
    private static final Logger LOG = Logger.getLogger(RevocationRoutes.class);
    private static final int MAX_BODY = 16 * 1024;
    private static final int MAX_SUBJECT = 200;
    private static final int MAX_REASON = 500;
    /** A revocation takes effect now or in the past: one dated later would refuse the person before it applies. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final GatewayRevocations revocations;
    private final EventPublisher events;
    private final Clock clock = Clock.systemUTC();

    public RevocationRoutes(GatewayRevocations revocations, EventPublisher events) {
        this.revocations = revocations;
        this.events = events;
    }

    public void handle(HttpServerRequest request, String path, Verdict.Accepted admin, String requestId,
                       String clientAddress) {
        if (!path.equals(PATH)) {
            ProblemWriter.send(request, Problem.noRoute(), requestId);
        } else if (request.method() == HttpMethod.GET) {
            list(request, requestId);
        } else if (request.method() == HttpMethod.POST) {
            revoke(request, admin, requestId, clientAddress);
        } else {
            ProblemWriter.send(request, Problem.methodNotAllowed(), requestId);
        }
    }

    private void list(HttpServerRequest request, String requestId) {
        JsonArray items = new JsonArray();
        revocations.all().forEach(revocation -> items.add(json(revocation)));
        request.resume();
        respond(request, 200, new JsonObject().put("items", items).put("total", items.size()), requestId);
    }

    private void revoke(HttpServerRequest request, Verdict.Accepted admin, String requestId, String clientAddress) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.chars().allMatch(Character::isDigit) && Long.parseLong(length) > MAX_BODY) {
            ProblemWriter.sendAndClose(request, Problem.payloadTooLarge(MAX_BODY), requestId);
            return;
        }
        Context context = Vertx.currentContext();
        // Counted while it arrives: a chunked body has no length to refuse up front.
        Buffer body = Buffer.buffer();
        LimitedBody limited = new LimitedBody(request, MAX_BODY);
        limited.exceptionHandler(failure -> ProblemWriter.sendAndClose(request,
                failure instanceof LimitedBody.TooLarge ? Problem.payloadTooLarge(MAX_BODY)
                        : Problem.badRequest("The request body could not be read; send it again."), requestId));
        limited.handler(body::appendBuffer);
        limited.endHandler(end -> revoke(request, body, admin, requestId, clientAddress, context));
        limited.resume();
    }

    private void revoke(HttpServerRequest request, Buffer body, Verdict.Accepted admin, String requestId,
                        String clientAddress, Context context) {
        JsonObject json;
        try {
            json = parse(body);
        } catch (InvalidRequest invalid) {
            ProblemWriter.send(request, Problem.badRequest(invalid.getMessage()), requestId);
            return;
        }
        String subject = json.getString("subject").strip();
        String reason = json.getString("reason").strip();
        Instant effectiveAt = json.containsKey("effectiveAt") ? Instant.parse(json.getString("effectiveAt")) : null;
        Revoker revoker = new Revoker(admin.subject(), admin.roles(), admin.team());
        revocations.revoke(subject, effectiveAt, reason, revoker).whenComplete((revocation, failure) ->
                context.runOnContext(done -> {
                    if (failure != null) {
                        LOG.warnf("Revocation of %s by %s (request %s) not recorded: %s", subject,
                                admin.subject(), requestId, failure.getMessage());
                        ProblemWriter.sendRetryAfter(request, Problem.revocationNotRecorded(), requestId,
                                revocations.retryAfterSeconds());
                        return;
                    }
                    LOG.infof("Subject %s revoked from %s by %s (request %s)", subject,
                            revocation.effectiveAt(), admin.subject(), requestId);
                    audit(revocation, admin, requestId, clientAddress);
                    respond(request, 201, json(revocation).put("revokedBy", admin.subject()), requestId);
                }));
    }

    /** The request as a valid revocation, or why not (the detail names the field). */
    private JsonObject parse(Buffer body) {
        JsonObject json;
        try {
            Object value = body.length() == 0 ? null : body.toJson();
            if (!(value instanceof JsonObject object)) {
                throw new InvalidRequest("Send a JSON object: {\"subject\": \"<sub of the person's tokens>\", "
                        + "\"reason\": \"<why>\", \"effectiveAt\": \"<ISO-8601 instant, optional>\"}.");
            }
            json = object;
        } catch (DecodeException malformed) {
            throw new InvalidRequest("The body is not valid JSON; send {\"subject\": …, \"reason\": …}.");
        }
        text(json, "subject", MAX_SUBJECT);
        text(json, "reason", MAX_REASON);
        // A token's subject is one line of printable text. A NUL anywhere cannot be stored by the audit trail's
        // PostgreSQL: the revocation's audit event, keyed by the subject, would be a message no consumer can store.
        if (json.getString("subject").strip().chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequest("subject must not contain control characters; send the sub of the person's "
                    + "tokens.");
        }
        if (json.getString("reason").indexOf('\u0000') >= 0) {
            throw new InvalidRequest("reason must not contain the NUL character (U+0000).");
        }
        if (json.containsKey("effectiveAt")) {
            Object value = json.getValue("effectiveAt");
            Instant at;
            try {
                at = Instant.parse(String.valueOf(value));
            } catch (DateTimeParseException e) {
                throw new InvalidRequest("effectiveAt must be an ISO-8601 instant such as 2026-11-29T09:00:00Z.");
            }
            if (at.isAfter(clock.instant().plus(CLOCK_SKEW))) {
                throw new InvalidRequest("effectiveAt lies in the future; a revocation takes effect now or from a"
                        + " past moment (leave it out for now).");
            }
        }
        return json;
    }

    private static void text(JsonObject json, String field, int maxLength) {
        Object value = json.getValue(field);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new InvalidRequest(field + " is required: a non-empty string.");
        }
        if (text.strip().length() > maxLength) {
            throw new InvalidRequest(field + " is longer than " + maxLength + " characters.");
        }
    }

    /** The revocation in the audit trail too, next to the denials it will cause. */
    private void audit(Revocation revocation, Verdict.Accepted admin, String requestId, String clientAddress) {
        JsonObject payload = new JsonObject()
                .put("action", "REVOKE_ACCESS")
                .put("subjectKey", revocation.subject())
                .put("effectiveAt", revocation.effectiveAt().toString())
                .put("requestId", requestId)
                .put("sourceIp", clientAddress);
        events.publish(DenialAudit.TOPIC, DenialAudit.EVENT_TYPE, revocation.subject(),
                EventPublisher.actor(admin.subject(), admin.roles(), admin.team()), payload)
                .whenComplete((sent, failure) -> {
                    if (failure != null) {
                        LOG.warnf("The revocation of request %s could not be sent to the audit trail: %s", requestId,
                                failure.getMessage());
                    }
                });
    }

    private static JsonObject json(Revocation revocation) {
        return new JsonObject()
                .put("subject", revocation.subject())
                .put("effectiveAt", revocation.effectiveAt().toString())
                .put("reason", revocation.reason());
    }

    private static void respond(HttpServerRequest request, int status, JsonObject body, String requestId) {
        request.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(RequestIds.HEADER, requestId)
                .end(body.encode());
    }

    private static final class InvalidRequest extends RuntimeException {

        InvalidRequest(String message) {
            super(message, null, false, false);
        }
    }
}
