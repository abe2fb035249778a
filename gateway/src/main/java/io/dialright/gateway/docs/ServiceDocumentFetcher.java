package io.dialright.gateway.docs;

import jakarta.inject.Singleton;

import io.dialright.gateway.proxy.UpstreamClient;
import io.dialright.gateway.proxy.UpstreamFailures;
import io.dialright.gateway.routing.RouteTable;
import io.dialright.gateway.routing.Service;
import io.dialright.gateway.routing.Upstream;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import org.jboss.logging.Logger;

/** Asks one service for its OpenAPI document ({@code GET /q/openapi?format=json}) over the gateway's own client. */
@Singleton
public class ServiceDocumentFetcher {

    private static final Logger LOG = Logger.getLogger(ServiceDocumentFetcher.class);

    /** Quarkus answers YAML unless JSON is asked for. */
    static final String OPENAPI_URI = "/q/openapi?format=json";

    private final UpstreamClient client;
    private final RouteTable routes;
    private final long timeoutMillis;

    public ServiceDocumentFetcher(UpstreamClient client, RouteTable routes, DocsConfig config) {
        this.client = client;
        this.routes = routes;
        this.timeoutMillis = config.fetchTimeout().toMillis();
    }

    /** The service's document, or why there is none; the returned future never fails. */
    public Future<ServiceDocument> fetch(Service service) {
        Upstream upstream = upstreamOf(service);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add(HttpHeaders.ACCEPT, "application/json");
        return client.open(upstream, HttpMethod.GET, OPENAPI_URI, headers)
                .compose(request -> {
                    request.idleTimeout(timeoutMillis);
                    return request.send();
                })
                // The body is read even after a bad status, so the pooled connection stays usable.
                .compose(response -> response.body().compose(body -> response.statusCode() == 200
                        ? Future.succeededFuture(body)
                        : Future.failedFuture(new UnexpectedStatus(response.statusCode()))))
                .map(body -> (ServiceDocument) new ServiceDocument.Available(service, OpenApiDocuments.read(body)))
                .otherwise(failure -> unavailable(service, upstream, failure));
    }

    private static ServiceDocument unavailable(Service service, Upstream upstream, Throwable failure) {
        String name = service.shortName();
        String reason;
        if (failure instanceof UnexpectedStatus status) {
            reason = "The " + name + " service answered HTTP " + status.status + " instead of its OpenAPI document.";
        } else if (failure instanceof OpenApiDocuments.UnreadableDocument unreadable) {
            reason = "The " + name + " service sent no readable OpenAPI document (" + unreadable.getMessage() + ").";
        } else {
            reason = UpstreamFailures.toProblem(failure, service).detail();
        }
        // INFO, not WARN: a service that is down in development is normal, and this repeats once per cache period.
        LOG.infof("The OpenAPI document of the %s service at %s:%d is left out of /openapi: %s", name,
                upstream.host(), upstream.port(), failure.getMessage());
        return new ServiceDocument.Unavailable(service, reason);
    }

    /**
     * The route table is the one place that turns configured base URLs into upstreams; a service's address is the
     * one its own paths are routed to.
     */
    private Upstream upstreamOf(Service service) {
        return routes.resolve(service.prefixes().get(0))
                .orElseThrow(() -> new IllegalStateException("No route to the " + service.shortName() + " service"));
    }

    private static final class UnexpectedStatus extends RuntimeException {

        private final int status;

        UnexpectedStatus(int status) {
            super("HTTP " + status, null, false, false);
            this.status = status;
        }
    }
}
