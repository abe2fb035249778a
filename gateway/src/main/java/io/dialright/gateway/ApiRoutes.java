package io.dialright.gateway;

import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.dialright.access.Revocation;
import io.dialright.gateway.access.AccessPolicy;
import io.dialright.gateway.access.Roles;
import io.dialright.gateway.access.Scopes;
import io.dialright.gateway.audit.DenialAudit;
import io.dialright.gateway.http.Problem;
import io.dialright.gateway.http.ProblemWriter;
import io.dialright.gateway.http.RequestIds;
import io.dialright.gateway.limits.BodyLimits;
import io.dialright.gateway.limits.RateLimiter;
import io.dialright.gateway.proxy.ReverseProxy;
import io.dialright.gateway.revocation.GatewayRevocations;
import io.dialright.gateway.revocation.RevocationRoutes;
import io.dialright.gateway.routing.RouteTable;
import io.dialright.gateway.routing.Upstream;
import io.dialright.gateway.security.TokenVerifier;
import io.dialright.gateway.security.Verdict;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

/**
 * The gateway's one business route: every {@code /api/} request gets a request id, has its token verified, and is
 * streamed to the service owning its path. Everything else (health under {@code /q/}) is Quarkus' and needs no token.
 */
@Singleton
public class ApiRoutes {

    private static final Logger LOG = Logger.getLogger(ApiRoutes.class);
    /** The API the gateway answers itself: the revocation list. */
    private static final String GATEWAY_AREA = "/api/access";
    /**
     * The longest path and query passed on. The services' HTTP servers refuse a request line over 4,096 bytes with a
     * bare 414 and no problem; the gateway reads lines up to {@code quarkus.http.limits.max-initial-line-length} and
     * answers what lies between with a problem a person can act on.
     */
    static final int MAX_URI_LENGTH = 4000;

    private final TokenVerifier verifier;
    private final RouteTable routes;
    private final ReverseProxy proxy;
    private final RateLimiter rateLimiter;
    private final BodyLimits bodyLimits;
    private final DenialAudit audit;
    private final GatewayRevocations revocations;
    private final RevocationRoutes revocationRoutes;

    public ApiRoutes(TokenVerifier verifier, RouteTable routes, ReverseProxy proxy, RateLimiter rateLimiter,
                     BodyLimits bodyLimits, DenialAudit audit, GatewayRevocations revocations,
                     RevocationRoutes revocationRoutes) {
        this.verifier = verifier;
        this.routes = routes;
        this.proxy = proxy;
        this.rateLimiter = rateLimiter;
        this.bodyLimits = bodyLimits;
        this.audit = audit;
        this.revocations = revocations;
        this.revocationRoutes = revocationRoutes;
    }

    void register(@Observes Router router) {
        router.route("/api/*").handler(this::handle);
    }

    /**
     * The checks in the order that reveals least: the token before anything else (an anonymous client learns nothing
     * about which paths exist), the caller's rate before the route, the role and scope before the body is read.
     */
    private void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        // Keep the body in the socket until it is known where it goes (or that it goes nowhere).
        request.pause();
        Call call = new Call(request, RequestIds.fromClientOrNew(request.headers().getAll(RequestIds.HEADER)),
                context.normalizedPath(), request.method().name(), clientAddress(request));

        Verdict.Accepted caller = admit(call);
        if (caller == null) {
            return;
        }
        if (isGatewaysOwn(call.path())) {
            if (permitted(call, caller)) {
                revocationRoutes.handle(request, call.path(), caller, call.requestId(), call.address());
            }
            return;
        }
        Optional<Upstream> upstream = routes.resolve(call.path());
        if (upstream.isEmpty()) {
            ProblemWriter.send(request, Problem.noRoute(), call.requestId());
            return;
        }
        if (!permitted(call, caller)) {
            return;
        }
        long maxBody = bodyLimits.maxBytes(call.path());
        if (declaredLength(request) > maxBody) {
            ProblemWriter.sendAndClose(request, Problem.payloadTooLarge(maxBody), call.requestId());
            return;
        }
        String query = request.query();
        String uri = query == null ? call.path() : call.path() + "?" + query;
        LOG.debugf("Request %s: %s %s by %s to the %s service", call.requestId(), call.method(), area(call.path()),
                caller.subject(), upstream.get().service().shortName());
        proxy.forward(request, uri, upstream.get(), call.requestId(), maxBody);
    }

    /** One API request as the checks see it. */
    private record Call(HttpServerRequest request, String requestId, String path, String method, String address) {
    }

    /**
     * Who is calling, if they may call at all: a valid token of a subject that is not revoked, within its rate, on a
     * path without matrix parameters and with an address the services can read. {@code null} once the request has
     * been answered.
     */
    private Verdict.Accepted admit(Call call) {
        HttpServerRequest request = call.request();
        Verdict verdict = verifier.verify(request.headers().getAll(HttpHeaders.AUTHORIZATION));
        if (verdict instanceof Verdict.Refused refused) {
            // The reason stays here: telling the client which check failed would help only someone forging tokens.
            LOG.infof("Refused %s %s (request %s from %s): %s", call.method(), area(call.path()), call.requestId(),
                    call.address(), refused.reason());
            unauthorized(call, DenialAudit.Reason.TOKEN, null);
            return null;
        }
        Verdict.Accepted caller = (Verdict.Accepted) verdict;
        // Until the list is read nobody can tell a dismissed employee's token from a colleague's: serve no one.
        if (!revocations.loaded()) {
            ProblemWriter.sendRetryAfter(request, Problem.revocationsLoading(revocations.retryAfterSeconds()),
                    call.requestId(), revocations.retryAfterSeconds());
            return null;
        }
        Optional<Revocation> revoked = revocations.refusing(caller.subject(), caller.issuedAt());
        if (revoked.isPresent()) {
            LOG.infof("Refused %s %s (request %s from %s): subject %s is revoked from %s (%s)", call.method(),
                    area(call.path()), call.requestId(), call.address(), caller.subject(), revoked.get().effectiveAt(),
                    revoked.get().reason());
            unauthorized(call, DenialAudit.Reason.REVOKED, caller);
            return null;
        }
        RateLimiter.Outcome rate = rateLimiter.admit(caller);
        if (!rate.admitted()) {
            tooMany(call, rate, caller);
            return null;
        }
        // Matrix parameters (";x=1") would make the path match a broader area here than the route it reaches in
        // the service, which strips them; no Dialright path has a use for them.
        if (call.path().indexOf(';') >= 0) {
            ProblemWriter.send(request, Problem.badRequest("Matrix parameters (;) are not accepted in API paths;"
                    + " send parameters in the query string."), call.requestId());
            return null;
        }
        if (request.uri().length() > MAX_URI_LENGTH) {
            ProblemWriter.send(request, Problem.uriTooLong(MAX_URI_LENGTH), call.requestId());
            return null;
        }
        return caller;
    }

    /** The coarse rule: a role of the area, and a machine client's scope for it; answers 403 when not. */
    private boolean permitted(Call call, Verdict.Accepted caller) {
        if (!AccessPolicy.allows(call.path(), caller.roles())) {
            forbidden(call, DenialAudit.Reason.ROLE, caller);
            return false;
        }
        if (caller.roles().contains(Roles.INTEGRATION)) {
            Optional<String> scope = Scopes.required(call.method(), call.path());
            if (scope.isEmpty() || !caller.scopes().contains(scope.get())) {
                forbidden(call, DenialAudit.Reason.SCOPE, caller);
                return false;
            }
        }
        return true;
    }

    /**
     * A refused credential (invalid token, revoked subject): 401, or 429 once the client address has been refused
     * too often — which also keeps a replayed token from turning into a flood of audit events.
     */
    private void unauthorized(Call call, DenialAudit.Reason reason, Verdict.Accepted caller) {
        RateLimiter.Outcome rate = rateLimiter.admitRefused(call.address());
        if (!rate.admitted()) {
            tooMany(call, rate, caller);
            return;
        }
        audit.denied(reason, 401, caller, call.method(), call.path(), call.requestId(), call.address());
        ProblemWriter.send(call.request(), Problem.unauthorized(), call.requestId());
    }

    private void forbidden(Call call, DenialAudit.Reason reason, Verdict.Accepted caller) {
        LOG.infof("Forbidden %s %s (request %s) for %s in roles %s: %s", call.method(), area(call.path()),
                call.requestId(), caller.subject(), caller.roles(), reason);
        audit.denied(reason, 403, caller, call.method(), call.path(), call.requestId(), call.address());
        ProblemWriter.send(call.request(), Problem.forbidden(), call.requestId());
    }

    private void tooMany(Call call, RateLimiter.Outcome rate, Verdict.Accepted caller) {
        if (rate.audit()) {
            LOG.infof("Rate limit reached by %s (request %s, %s %s)", caller == null ? call.address() : caller.subject(),
                    call.requestId(), call.method(), area(call.path()));
            audit.denied(DenialAudit.Reason.RATE_LIMIT, 429, caller, call.method(), call.path(), call.requestId(),
                    call.address());
        }
        ProblemWriter.sendRetryAfter(call.request(), Problem.tooManyRequests(rate.retryAfterSeconds()), call.requestId(),
                rate.retryAfterSeconds());
    }

    private static boolean isGatewaysOwn(String path) {
        return path.equals(GATEWAY_AREA) || path.startsWith(GATEWAY_AREA + "/");
    }

    /** The announced body size, or -1 when the body is chunked or absent. */
    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException malformed) {
            return -1; // Vert.x refuses a malformed Content-Length before this route runs
        }
    }

    private static String clientAddress(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.hostAddress() != null ? remote.hostAddress() : remote.host();
    }

    /**
     * The first two segments of a path ({@code /api/stop-list}), for logs: deeper segments and the query may hold
     * phone numbers.
     */
    public static String area(String pathAndQuery) {
        int query = pathAndQuery.indexOf('?');
        String path = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
        int second = path.indexOf('/', "/api/".length());
        String area = second < 0 ? path : path.substring(0, second) + "/…";
        return query < 0 ? area : area + "?…";
    }
}
