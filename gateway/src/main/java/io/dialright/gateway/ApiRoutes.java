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
        String requestId = RequestIds.fromClientOrNew(request.headers().getAll(RequestIds.HEADER));
        String path = context.normalizedPath();
        String method = request.method().name();
        String address = clientAddress(request);

        Verdict verdict = verifier.verify(request.headers().getAll(HttpHeaders.AUTHORIZATION));
        if (verdict instanceof Verdict.Refused refused) {
            // The reason stays here: telling the client which check failed would help only someone forging tokens.
            LOG.infof("Refused %s %s (request %s from %s): %s", method, area(path), requestId, address,
                    refused.reason());
            unauthorized(request, DenialAudit.Reason.TOKEN, null, method, path, requestId, address);
            return;
        }
        Verdict.Accepted caller = (Verdict.Accepted) verdict;

        // Until the list is read nobody can tell a dismissed employee's token from a colleague's: serve no one.
        if (!revocations.loaded()) {
            ProblemWriter.sendRetryAfter(request, Problem.revocationsLoading(revocations.retryAfterSeconds()),
                    requestId, revocations.retryAfterSeconds());
            return;
        }
        Optional<Revocation> revoked = revocations.refusing(caller.subject(), caller.issuedAt());
        if (revoked.isPresent()) {
            LOG.infof("Refused %s %s (request %s from %s): subject %s is revoked from %s (%s)", method, area(path),
                    requestId, address, caller.subject(), revoked.get().effectiveAt(), revoked.get().reason());
            unauthorized(request, DenialAudit.Reason.REVOKED, caller, method, path, requestId, address);
            return;
        }

        RateLimiter.Outcome rate = rateLimiter.admit(caller);
        if (!rate.admitted()) {
            tooMany(request, rate, caller, method, path, requestId, address);
            return;
        }

        // Matrix parameters (";x=1") would make the path match a broader area here than the route it reaches in
        // the service, which strips them; no Dialright path has a use for them.
        if (path.indexOf(';') >= 0) {
            ProblemWriter.send(request, Problem.badRequest("Matrix parameters (;) are not accepted in API paths;"
                    + " send parameters in the query string."), requestId);
            return;
        }

        if (isGatewaysOwn(path)) {
            if (!AccessPolicy.allows(path, caller.roles())) {
                forbidden(request, DenialAudit.Reason.ROLE, caller, method, path, requestId, address);
                return;
            }
            revocationRoutes.handle(request, path, caller, requestId, address);
            return;
        }

        Optional<Upstream> upstream = routes.resolve(path);
        if (upstream.isEmpty()) {
            ProblemWriter.send(request, Problem.noRoute(), requestId);
            return;
        }
        if (!AccessPolicy.allows(path, caller.roles())) {
            forbidden(request, DenialAudit.Reason.ROLE, caller, method, path, requestId, address);
            return;
        }
        if (caller.roles().contains(Roles.INTEGRATION)) {
            Optional<String> scope = Scopes.required(method, path);
            if (scope.isEmpty() || !caller.scopes().contains(scope.get())) {
                forbidden(request, DenialAudit.Reason.SCOPE, caller, method, path, requestId, address);
                return;
            }
        }

        long maxBody = bodyLimits.maxBytes(path);
        if (declaredLength(request) > maxBody) {
            ProblemWriter.sendAndClose(request, Problem.payloadTooLarge(maxBody), requestId);
            return;
        }
        String query = request.query();
        String uri = query == null ? path : path + "?" + query;
        LOG.debugf("Request %s: %s %s by %s to the %s service", requestId, method, area(path), caller.subject(),
                upstream.get().service().shortName());
        proxy.forward(request, uri, upstream.get(), requestId, maxBody);
    }

    /**
     * A refused credential (invalid token, revoked subject): 401, or 429 once the client address has been refused
     * too often — which also keeps a replayed token from turning into a flood of audit events.
     */
    private void unauthorized(HttpServerRequest request, DenialAudit.Reason reason, Verdict.Accepted caller,
                              String method, String path, String requestId, String address) {
        RateLimiter.Outcome rate = rateLimiter.admitRefused(address);
        if (!rate.admitted()) {
            tooMany(request, rate, caller, method, path, requestId, address);
            return;
        }
        audit.denied(reason, 401, caller, method, path, requestId, address);
        ProblemWriter.send(request, Problem.unauthorized(), requestId);
    }

    private void forbidden(HttpServerRequest request, DenialAudit.Reason reason, Verdict.Accepted caller,
                           String method, String path, String requestId, String address) {
        LOG.infof("Forbidden %s %s (request %s) for %s in roles %s: %s", method, area(path), requestId,
                caller.subject(), caller.roles(), reason);
        audit.denied(reason, 403, caller, method, path, requestId, address);
        ProblemWriter.send(request, Problem.forbidden(), requestId);
    }

    private void tooMany(HttpServerRequest request, RateLimiter.Outcome rate, Verdict.Accepted caller, String method,
                         String path, String requestId, String address) {
        if (rate.audit()) {
            LOG.infof("Rate limit reached by %s (request %s, %s %s)", caller == null ? address : caller.subject(),
                    requestId, method, area(path));
            audit.denied(DenialAudit.Reason.RATE_LIMIT, 429, caller, method, path, requestId, address);
        }
        ProblemWriter.sendRetryAfter(request, Problem.tooManyRequests(rate.retryAfterSeconds()), requestId,
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
