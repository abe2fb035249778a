package io.dialright.gateway.proxy;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.dialright.gateway.config.GatewayConfig;
import io.dialright.gateway.routing.Upstream;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The pooled HTTP clients the gateway reaches every service with: one per event loop. A Vert.x client shares its
 * connections among all event loops, and a request whose pooled connection lives on another loop than the request
 * itself crosses to that loop to be written and back again with the answer: two thread wake-ups per request, on a
 * machine where every wake-up may wait for a core. A client used from one loop only creates its connections on that
 * loop, so a request and its upstream connection stay on one thread.
 */
@Singleton
public class UpstreamClient {

    private final Vertx vertx;
    private final HttpClientOptions options;
    private final PoolOptions pool;
    private final long connectTimeoutMillis;
    private final long readTimeoutMillis;
    private final ThreadLocal<HttpClient> clientOfThisLoop = ThreadLocal.withInitial(this::newClient);
    private final List<HttpClient> clients = new CopyOnWriteArrayList<>();

    @Inject
    public UpstreamClient(Vertx vertx, GatewayConfig config,
                          @ConfigProperty(name = "quarkus.vertx.event-loops-pool-size") Optional<Integer> eventLoops) {
        this.vertx = vertx;
        this.connectTimeoutMillis = config.connectTimeout().toMillis();
        this.readTimeoutMillis = config.readTimeout().toMillis();
        this.options = new HttpClientOptions()
                .setConnectTimeout(Math.toIntExact(connectTimeoutMillis))
                // The read timeout is armed per request once the body is sent and only lasts until the response
                // head (Vert.x 4.5). This connection-level backstop, longer so it never wins that race, cuts off a
                // service or client that stalls in the middle of a body.
                .setIdleTimeout(Math.toIntExact(2 * readTimeoutMillis))
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setKeepAlive(true)
                // Bodies pass through byte for byte: the client's Accept-Encoding goes on, nothing is inflated here.
                .setDecompressionSupported(false);
        // The limit per service is shared out among the loops (Quarkus' default: two loops per core).
        int loops = eventLoops.orElse(2 * Runtime.getRuntime().availableProcessors());
        int perLoop = Math.max(1, (config.maxConnectionsPerService() + loops - 1) / loops);
        this.pool = new PoolOptions().setHttp1MaxSize(perLoop);
    }

    /** With Quarkus' default number of event loops (tests that build the gateway's parts by hand). */
    public UpstreamClient(Vertx vertx, GatewayConfig config) {
        this(vertx, config, Optional.empty());
    }

    private HttpClient newClient() {
        HttpClient client = vertx.createHttpClient(options, pool);
        clients.add(client);
        return client;
    }

    /**
     * Opens a request to {@code upstream}. It fails with a connect exception when the service refuses the
     * connection, and with a timeout when no connection (new or pooled) is obtained within the connect timeout.
     */
    public Future<HttpClientRequest> open(Upstream upstream, HttpMethod method, String uri, MultiMap headers) {
        RequestOptions options = new RequestOptions()
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setSsl(upstream.ssl())
                .setMethod(method)
                .setURI(uri)
                .setHeaders(headers)
                .setConnectTimeout(connectTimeoutMillis)
                .setFollowRedirects(false);
        return clientOfThisLoop.get().request(options);
    }

    /** How long a service may stay silent once it has the whole request; see {@link ReverseProxy}. */
    public long readTimeoutMillis() {
        return readTimeoutMillis;
    }

    @PreDestroy
    void close() {
        clients.forEach(HttpClient::close);
    }
}
