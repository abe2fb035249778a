package io.dialright.platform.idempotency;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialright.platform.config.PlatformConfig;
import io.dialright.platform.problem.ProblemException;
import io.dialright.platform.security.CurrentActor;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * {@code Idempotency-Key} on POSTs (API conventions: "a replay returns the first response"). The first request under a
 * client's key claims it and runs; its answer is kept, sealed, for a day. The same request again gets that answer
 * with {@code Idempotent-Replayed: true} and changes nothing; while the first still runs, a 409 with
 * {@code Retry-After}; the key with another request (method, path, query, content type or body differ), a 422.
 * Keys are the client's own: one client's key never finds another's answer.
 * <p>
 * Answers a retry could change are not kept: a 5xx (nothing was done), 401, 403, 408 and 429 (about the caller or the
 * moment, not the request). The key is let go, and a repeat runs the request again.
 * <p>
 * Runs after the role and scope checks (a request they refuse claims nothing), on the endpoint's worker thread; the
 * body is fingerprinted as the endpoint reads it, so a large import is never held in memory.
 */
public class IdempotencyFilter {

    public static final String REPLAYED = "Idempotent-Replayed";

    private static final Logger LOG = Logger.getLogger(IdempotencyFilter.class);
    private static final String CLAIM = "dialright.idempotency.claim";
    private static final Set<Integer> NOT_KEPT = Set.of(401, 403, 408, 429);
    private static final int RETRY_AFTER_SECONDS = 1;

    private final PlatformConfig config;
    private final CurrentIdentityAssociation identities;
    private final CurrentActor actor;
    private final IdempotentRequests requests;
    private final AnswerSeal seal;
    private final ObjectMapper json;

    public IdempotencyFilter(PlatformConfig config, CurrentIdentityAssociation identities, CurrentActor actor,
                             IdempotentRequests requests, AnswerSeal seal, ObjectMapper json) {
        this.config = config;
        this.identities = identities;
        this.actor = actor;
        this.requests = requests;
        this.seal = seal;
        this.json = json;
    }

    /** A request holding a key, until its answer is kept. */
    private record Claim(String client, IdempotencyKey key, String lookupKey, FingerprintedBody body) {
    }

    /** {@code null} (go on) for requests without a key; otherwise the claim, or the kept answer, or the refusal. */
    @ServerRequestFilter(priority = Priorities.USER)
    public Uni<Response> claimOrReplay(ContainerRequestContext request) {
        String header = request.getHeaderString(IdempotencyKey.HEADER);
        if (header == null || !"POST".equals(request.getMethod()) || !config.idempotency().enabled()
                || identities.getIdentity().isAnonymous()) {
            return null;
        }
        IdempotencyKey key;
        try {
            key = IdempotencyKey.parse(header);
        } catch (ProblemException invalid) {
            return Uni.createFrom().failure(invalid);
        }
        String client = actor.subject();
        return offTheEventLoop(() -> claimOrReplay(request, client, key));
    }

    @ServerResponseFilter
    public Uni<Void> keepAnswer(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(CLAIM) instanceof Claim claim)) {
            return null;
        }
        request.removeProperty(CLAIM);
        return offTheEventLoop(() -> {
            keep(claim, response);
            return null;
        });
    }

    private Response claimOrReplay(ContainerRequestContext request, String client, IdempotencyKey key)
            throws SQLException {
        String lookupKey = seal.lookupKey(client, key);
        Optional<IdempotentRequests.Holder> holder = requests.claim(lookupKey, config.idempotency().abandonedAfter(),
                config.idempotency().keep());
        if (holder.isEmpty()) {
            FingerprintedBody body = fingerprinted(request);
            request.setEntityStream(body);
            request.setProperty(CLAIM, new Claim(client, key, lookupKey, body));
            return null;
        }
        IdempotentRequests.Holder answer = holder.get();
        if (!answer.answered()) {
            throw new ProblemException(409, "Request in progress", "A request with this Idempotency-Key is still "
                    + "running. Repeat it in a moment to get its answer.", List.of(),
                    Map.of(ProblemException.RETRY_AFTER_SECONDS, RETRY_AFTER_SECONDS));
        }
        byte[] fingerprint = fingerprinted(request).fingerprint();
        if (fingerprint == null || !MessageDigest.isEqual(answer.fingerprint(), fingerprint)) {
            throw new ProblemException(422, "Idempotency-Key reused", "This Idempotency-Key was already used for a "
                    + "different request (another address or body). Send a new key with each new request.");
        }
        return replay(client, key, lookupKey, answer);
    }

    private Response replay(String client, IdempotencyKey key, String lookupKey, IdempotentRequests.Holder answer) {
        byte[] body;
        try {
            body = seal.open(client, key, lookupKey, answer.status(), answer.sealedBody());
        } catch (GeneralSecurityException e) {
            // Only a changed service key gets here: the answer cannot be read back, and running again is not safe.
            throw new ProblemException(409, "Answer not available", "The answer to this Idempotency-Key cannot be "
                    + "read back. Check the outcome of the first request before sending a new key.");
        }
        Response.ResponseBuilder replay = Response.status(answer.status()).header(REPLAYED, "true");
        if (answer.contentType() != null) {
            replay.type(answer.contentType());
        }
        if (answer.location() != null) {
            replay.header(HttpHeaders.LOCATION, answer.location());
        }
        if (body.length > 0) {
            replay.entity(body);
        }
        return replay.build();
    }

    private void keep(Claim claim, ContainerResponseContext response) throws SQLException {
        int status = response.getStatus();
        Optional<byte[]> body = status >= 500 || NOT_KEPT.contains(status) ? Optional.empty() : bytesOf(response);
        byte[] fingerprint = body.isPresent() ? claim.body().fingerprint() : null;
        if (fingerprint == null) {
            requests.release(claim.lookupKey());
            return;
        }
        String contentType = response.getMediaType() == null ? null : response.getMediaType().toString();
        byte[] sealed = seal.seal(claim.client(), claim.key(), claim.lookupKey(), status, body.get());
        try {
            requests.answer(claim.lookupKey(), fingerprint, status, contentType,
                    response.getHeaderString(HttpHeaders.LOCATION), sealed);
        } catch (SQLException e) {
            // The request's change is committed: letting the key go would let a repeat do it twice. A repeat gets
            // 409 until the claim counts as abandoned.
            LOG.warnf("The answer to an idempotent request could not be kept: %s", e.getMessage());
        }
    }

    /** The answer as the client received it; empty for an entity that is not a value (a stream). */
    private Optional<byte[]> bytesOf(ContainerResponseContext response) {
        Object entity = response.getEntity();
        try {
            if (entity == null) {
                return Optional.of(new byte[0]);
            }
            if (entity instanceof byte[] bytes) {
                return Optional.of(bytes);
            }
            if (entity instanceof String text) {
                return Optional.of(text.getBytes(StandardCharsets.UTF_8));
            }
            if (entity instanceof InputStream || entity instanceof jakarta.ws.rs.core.StreamingOutput) {
                return Optional.empty();
            }
            return Optional.of(json.writeValueAsBytes(entity));
        } catch (IOException e) {
            LOG.warnf("An idempotent request's answer could not be written for keeping: %s", e.getMessage());
            return Optional.empty();
        }
    }

    private static FingerprintedBody fingerprinted(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        return new FingerprintedBody(request.getEntityStream(), request.getMethod(), uri.getRawPath(),
                uri.getRawQuery(), request.getHeaderString(HttpHeaders.CONTENT_TYPE));
    }

    /**
     * Runs database work where it may block: here on a worker thread (every POST endpoint is blocking); on an
     * event loop, handed to a worker with the request's duplicated context.
     */
    private static <T> Uni<T> offTheEventLoop(Callable<T> work) {
        if (!Context.isOnEventLoopThread()) {
            try {
                return Uni.createFrom().item(work.call());
            } catch (Exception e) {
                return Uni.createFrom().failure(e);
            }
        }
        Context context = Vertx.currentContext();
        return Uni.createFrom().completionStage(() -> context.executeBlocking(work, false).toCompletionStage());
    }
}
