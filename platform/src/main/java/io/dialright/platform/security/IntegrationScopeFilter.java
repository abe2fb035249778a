package io.dialright.platform.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;

import io.dialright.platform.audit.AccessRecorder;
import io.dialright.platform.events.Actor;
import io.dialright.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Holds machine clients to their scopes ({@link IntegrationScopes}): a token in role {@code integration} must carry the
 * scope of the {@code /api/} request, otherwise 403 and a {@code DENIED} audit entry. Tokens of people are untouched.
 * <p>
 * A post-matching filter: Quarkus REST runs the endpoint's role check (which authenticates, as authentication is not
 * proactive) right after matching and before request filters, so a request without a valid token is still answered
 * 401 and one whose role the endpoint does not allow 403, before the scope is looked at.
 */
public class IntegrationScopeFilter {

    public static final String DENIED = "DENIED";

    private final CurrentIdentityAssociation identities;
    private final CurrentActor actor;
    private final AccessRecorder recorder;

    public IntegrationScopeFilter(CurrentIdentityAssociation identities, CurrentActor actor, AccessRecorder recorder) {
        this.identities = identities;
        this.actor = actor;
        this.recorder = recorder;
    }

    /**
     * {@code null} (go on) when the request may proceed; otherwise a failure with the 403, once the denial is
     * written. A non-blocking endpoint's filters run on the event loop, which must not wait for the database: there
     * the denial is written on a worker thread, and the refusal follows it.
     */
    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public Uni<Void> requireScope(ContainerRequestContext request, ResourceInfo resource) {
        Optional<String> required = IntegrationScopes.required(request.getMethod(), request.getUriInfo().getPath());
        if (required.isEmpty()) {
            return null;
        }
        SecurityIdentity identity = identities.getIdentity();
        if (identity.isAnonymous() || !identity.hasRole(CurrentActor.INTEGRATION)) {
            return null;
        }
        String scope = required.get();
        if (identity.getPrincipal() instanceof JsonWebToken token
                && IntegrationScopes.grantedBy(token).contains(scope)) {
            return null;
        }
        String area = scope.substring(0, scope.indexOf(':'));
        ProblemException refusal = new ProblemException(403, "Forbidden", "This client's token lacks the scope "
                + scope + ", which " + (scope.endsWith(":read") ? "GET and HEAD requests" : "requests other than GET "
                + "and HEAD") + " under /api/" + area + "/ need; ask for a token that includes it.");
        Runnable recording = denialRecording(scope, request.getMethod(), template(resource));
        if (!Context.isOnEventLoopThread()) {
            recording.run();
            return Uni.createFrom().failure(refusal);
        }
        // The request's duplicated context carries its request scope and log context to the worker thread.
        Context context = Vertx.currentContext();
        return Uni.createFrom()
                .completionStage(() -> context.<Void>executeBlocking(() -> {
                    recording.run();
                    return null;
                }, false).toCompletionStage())
                .onItem().failWith(() -> refusal);
    }

    /**
     * Recorded in a transaction of its own: the refused request does nothing else. The path is the route template
     * ({@code /api/stop-list/{phone}}), never the request's own path, which may hold a phone number. The actor is
     * read now, on the request's thread.
     */
    private Runnable denialRecording(String scope, String method, String path) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", "SCOPE");
        details.put("scope", scope);
        details.put("method", method);
        details.put("path", path);
        Actor denied = actor.asActor();
        return () -> QuarkusTransaction.requiringNew().run(() -> recorder.record(denied, DENIED, null, null, details));
    }

    /** The matched resource method's {@code @Path}s joined: {@code /api/contacts/{id}/merge}. */
    static String template(ResourceInfo resource) {
        StringBuilder template = new StringBuilder();
        append(template, resource.getResourceClass().getAnnotation(Path.class));
        append(template, resource.getResourceMethod().getAnnotation(Path.class));
        return template.isEmpty() ? "/" : template.toString();
    }

    private static void append(StringBuilder template, Path path) {
        if (path == null) {
            return;
        }
        String value = path.value().replaceAll("^/+|/+$", "");
        if (!value.isEmpty()) {
            template.append('/').append(value);
        }
    }
}
