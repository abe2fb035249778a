package io.dialright.gateway.proxy;

import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
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

/** The one pooled HTTP client the gateway uses to reach every service. */
@Singleton
public class UpstreamClient {

    private final HttpClient client;
    private final long connectTimeoutMillis;
    private final long readTimeoutMillis;

    public UpstreamClient(Vertx vertx, GatewayConfig config) {
        this.connectTimeoutMillis = config.connectTimeout().toMillis();
        this.readTimeoutMillis = config.readTimeout().toMillis();
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout(Math.toIntExact(connectTimeoutMillis))
                // The read timeout is armed per request once the body is sent and only lasts until the response
                // head (Vert.x 4.5). This connection-level backstop, longer so it never wins that race, cuts off a
                // service or client that stalls in the middle of a body.
                .setIdleTimeout(Math.toIntExact(2 * readTimeoutMillis))
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setKeepAlive(true)
                // Bodies pass through byte for byte: the client's Accept-Encoding goes on, nothing is inflated here.
                .setDecompressionSupported(false);
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerService());
        this.client = vertx.createHttpClient(options, pool);
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
        return client.request(options);
    }

    /** How long a service may stay silent once it has the whole request; see {@link ReverseProxy}. */
    public long readTimeoutMillis() {
        return readTimeoutMillis;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
