package io.dialright.platform.idempotency;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialright.platform.config.PlatformConfig;
import io.dialright.platform.problem.ProblemException;
import io.dialright.platform.problem.ProblemMapper;
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
 * Keys are the client's own: one client's key never finds another's answer, nor its own under other roles or team.
 * <p>
 * Answers about the caller or the moment rather than the request are not kept: a 5xx, 401, 403, 408, 429, anything
 * with {@code Retry-After}, and a 409 "Changed meanwhile" ({@link ProblemMapper#MOMENTARY}). The key is let go, and a
 * repeat runs the request again. An answer given but not keepable (a stream) is remembered as given: a repeat is
 * told so rather than run twice. Endpoints marked {@link NotReplayed} ignore the key.
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
    /** Tries to write a kept answer: once the change is committed, losing its answer is worth a short wait. */
    private static final int ANSWER_WRITES = 3;

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
    private record Claim(String client, IdempotencyKey key, String lookupKey, UUID id, FingerprintedBody body) {
    }

    /** {@code null} (go on) for requests without a key; otherwise the claim, or the kept answer, or the refusal. */
    @ServerRequestFilter(priority = Priorities.USER)
    public Uni<Response> claimOrReplay(ContainerRequestContext request, ResourceInfo resource) {
        List<String> headers = request.getHeaders().get(IdempotencyKey.HEADER);
        if (headers == null || !"POST".equals(request.getMethod()) || !config.idempotency().enabled()
                || identities.getIdentity().isAnonymous() || actor.subject() == null
                || resource.getResourceMethod().isAnnotationPresent(NotReplayed.class)) {
            return null;
        }
        IdempotencyKey key;
        try {
            key = IdempotencyKey.parse(headers);
        } catch (ProblemException invalid) {
            return Uni.createFrom().failure(invalid);
        }
        String client = AnswerSeal.client(actor.subject(), actor.roles(), actor.team());
        List<String> readHeaders = headersReadBy(resource.getResourceMethod());
        return offTheEventLoop(() -> claimOrReplay(request, readHeaders, client, key));
    }

    @ServerResponseFilter
    public Uni<Void> keepAnswer(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(CLAIM) instanceof Claim claim)) {
            return null;
        }
        request.removeProperty(CLAIM);
        boolean momentary = request.getProperty(ProblemMapper.MOMENTARY) != null;
        return offTheEventLoop(() -> {
            try {
                keep(claim, response, momentary);
            } catch (RuntimeException | SQLException e) {
                // The client still gets its answer; only the replay is lost (a repeat is told to wait, see keep).
                LOG.warnf("The answer to an idempotent request could not be kept: %s", e.getMessage());
            }
            return null;
        });
    }

    private Response claimOrReplay(ContainerRequestContext request, List<String> readHeaders, String client,
                                   IdempotencyKey key) throws SQLException {
        String lookupKey = seal.lookupKey(client, key);
        UUID claimId = UUID.randomUUID();
        Optional<IdempotentRequests.Holder> holder = requests.claim(lookupKey, claimId,
                config.idempotency().abandonedAfter(), config.idempotency().keep());
        if (holder.isEmpty()) {
            FingerprintedBody body = fingerprinted(request, readHeaders);
            request.setEntityStream(body);
            request.setProperty(CLAIM, new Claim(client, key, lookupKey, claimId, body));
            return null;
        }
        IdempotentRequests.Holder answer = holder.get();
        if (!answer.answered()) {
            throw new ProblemException(409, "Request in progress", "A request with this Idempotency-Key is still "
                    + "running. Repeat it in a moment to get its answer.", List.of(),
                    Map.of(ProblemException.RETRY_AFTER_SECONDS, RETRY_AFTER_SECONDS));
        }
        if (answer.sealedBody() == null) {
            throw new ProblemException(409, "Answered before", "The request with this Idempotency-Key was answered "
                    + "(status " + answer.status() + ") with content that is not kept for repeats. Look up its "
                    + "outcome instead of repeating it.");
        }
        byte[] digest = fingerprinted(request, readHeaders).digest();
        if (digest == null || !MessageDigest.isEqual(answer.fingerprint(), seal.fingerprint(client, key, digest))) {
            throw new ProblemException(422, "Idempotency-Key reused", "This Idempotency-Key was already used for a "
                    + "different request (another address, header or body). Send a new key with each new request.");
        }
        return replay(client, key, lookupKey, answer);
    }

    private Response replay(String client, IdempotencyKey key, String lookupKey, IdempotentRequests.Holder answer) {
        AnswerSeal.Answer kept = new AnswerSeal.Answer(lookupKey, answer.status(), answer.contentType(),
                answer.location());
        byte[] body;
        try {
            body = seal.open(client, key, kept, answer.sealedBody());
        } catch (GeneralSecurityException e) {
            // The row was altered in the database: its answer cannot be trusted, and running again is not safe.
            LOG.warnf("A kept answer failed its authentication check (lookup key %s)", lookupKey);
            throw new ProblemException(409, "Answer not available", "The answer to this Idempotency-Key cannot be "
                    + "read back. Look up the outcome of the first request before sending a new key.");
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

    /**
     * Lets the key go after an answer about the moment; otherwise keeps the answer once the change is committed. An
     * answer whose body or request cannot be captured is kept as given without content: letting the key go would let
     * a repeat do the change twice.
     */
    private void keep(Claim claim, ContainerResponseContext response, boolean momentary) throws SQLException {
        int status = response.getStatus();
        if (status >= 500 || NOT_KEPT.contains(status) || momentary
                || response.getHeaderString(HttpHeaders.RETRY_AFTER) != null) {
            requests.release(claim.lookupKey(), claim.id());
            return;
        }
        String contentType = response.getMediaType() == null ? null : response.getMediaType().toString();
        String location = response.getHeaderString(HttpHeaders.LOCATION);
        Optional<byte[]> body = bytesOf(response);
        byte[] digest = claim.body().digest();
        byte[] fingerprint = digest == null ? null : seal.fingerprint(claim.client(), claim.key(), digest);
        byte[] sealed = body.isEmpty() || fingerprint == null ? null : seal.seal(claim.client(), claim.key(),
                new AnswerSeal.Answer(claim.lookupKey(), status, contentType, location), body.get());
        for (int write = 1; ; write++) {
            try {
                requests.answer(claim.lookupKey(), claim.id(), fingerprint, status, contentType, location, sealed);
                return;
            } catch (SQLException e) {
                if (write == ANSWER_WRITES) {
                    // Repeats get 409 "in progress" until the claim counts as abandoned, then run again.
                    throw e;
                }
            }
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
            if (entity instanceof InputStream || entity instanceof StreamingOutput) {
                return Optional.empty();
            }
            return Optional.of(json.writeValueAsBytes(entity));
        } catch (IOException e) {
            LOG.warnf("An idempotent request's answer could not be written for keeping: %s", e.getMessage());
            return Optional.empty();
        }
    }

    private static FingerprintedBody fingerprinted(ContainerRequestContext request, List<String> readHeaders) {
        URI uri = request.getUriInfo().getRequestUri();
        // getHeaderString: null when not sent, repeated ones joined with commas.
        List<String> values = readHeaders.stream().map(request::getHeaderString).toList();
        return new FingerprintedBody(request.getEntityStream(), request.getMethod(), uri.getRawPath(),
                uri.getRawQuery(), request.getHeaderString(HttpHeaders.CONTENT_TYPE), readHeaders, values);
    }

    /**
     * The headers the endpoint takes as parameters ({@code @HeaderParam}, an import's {@code X-File-Name}): they
     * change what it does, so a repeat that sends them otherwise is another request. Sorted, without the key itself.
     */
    static List<String> headersReadBy(Method endpoint) {
        TreeSet<String> names = new TreeSet<>();
        for (Annotation[] parameter : endpoint.getParameterAnnotations()) {
            for (Annotation annotation : parameter) {
                if (annotation instanceof HeaderParam header
                        && !IdempotencyKey.HEADER.equalsIgnoreCase(header.value())) {
                    names.add(header.value().toLowerCase(Locale.ROOT));
                }
            }
        }
        return List.copyOf(names);
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
