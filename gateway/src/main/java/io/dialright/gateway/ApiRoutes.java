package io.dialright.gateway;

import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.dialright.gateway.http.Problem;
import io.dialright.gateway.http.ProblemWriter;
import io.dialright.gateway.http.RequestIds;
import io.dialright.gateway.proxy.ReverseProxy;
import io.dialright.gateway.routing.RouteTable;
import io.dialright.gateway.routing.Upstream;
import io.dialright.gateway.security.TokenVerifier;
import io.dialright.gateway.security.Verdict;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
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

    private final TokenVerifier verifier;
    private final RouteTable routes;
    private final ReverseProxy proxy;

    public ApiRoutes(TokenVerifier verifier, RouteTable routes, ReverseProxy proxy) {
        this.verifier = verifier;
        this.routes = routes;
        this.proxy = proxy;
    }

    void register(@Observes Router router) {
        router.route("/api/*").handler(this::handle);
    }

    private void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        // Keep the body in the socket until it is known where it goes (or that it goes nowhere).
        request.pause();
        String requestId = RequestIds.fromClientOrNew(request.headers().getAll(RequestIds.HEADER));
        String path = context.normalizedPath();

        Verdict verdict = verifier.verify(request.headers().getAll(HttpHeaders.AUTHORIZATION));
        if (verdict instanceof Verdict.Refused refused) {
            // The reason stays here: telling the client which check failed would help only someone forging tokens.
            LOG.infof("Refused %s %s (request %s from %s): %s", request.method(), area(path), requestId,
                    request.remoteAddress(), refused.reason());
            ProblemWriter.send(request, Problem.unauthorized(), requestId);
            return;
        }

        Optional<Upstream> upstream = routes.resolve(path);
        if (upstream.isEmpty()) {
            ProblemWriter.send(request, Problem.noRoute(), requestId);
            return;
        }
        String query = request.query();
        String uri = query == null ? path : path + "?" + query;
        LOG.debugf("Request %s: %s %s by %s to the %s service", requestId, request.method(), area(path),
                ((Verdict.Accepted) verdict).subject(), upstream.get().service().shortName());
        proxy.forward(request, uri, upstream.get(), requestId);
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
