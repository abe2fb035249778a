package io.dialright.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.dialright.gateway.config.GatewayConfig;
import io.dialright.gateway.routing.Service;
import io.dialright.gateway.routing.Upstream;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each event loop has its own upstream connections: a request never borrows a connection that lives on another loop
 * (which would cost two hand-offs between threads), and a loop reuses its own.
 */
class UpstreamClientTest {

    private Vertx vertx;
    private Upstream service;
    private UpstreamClient client;
    /** The client port of the connection each request arrived on, in order (written on the server's loop). */
    private final List<Integer> connectionOfRequest = new ArrayList<>();

    @BeforeEach
    void startService() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        int port = vertx.createHttpServer()
                .requestHandler(request -> {
                    synchronized (connectionOfRequest) {
                        connectionOfRequest.add(request.remoteAddress().port());
                    }
                    request.response().end("{}");
                })
                .listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .actualPort();
        GatewayConfig config = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withMapping(GatewayConfig.class)
                .withDefaultValues(Map.of(
                        "dialright.gateway.services.contact", "http://127.0.0.1:" + port,
                        "dialright.gateway.services.consent", "http://127.0.0.1:1",
                        "dialright.gateway.services.dialer", "http://127.0.0.1:1",
                        "dialright.gateway.services.audit", "http://127.0.0.1:1"))
                .build()
                .getConfigMapping(GatewayConfig.class);
        client = new UpstreamClient(vertx, config);
        service = new Upstream(Service.CONTACT, "127.0.0.1", port, false);
    }

    @AfterEach
    void stop() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void eachEventLoopUsesItsOwnConnectionAndKeepsReusingIt() throws Exception {
        Context first = newContext();
        Context second = newContext();
        for (int tries = 0; tries < 8 && threadOf(second).equals(threadOf(first)); tries++) {
            second = newContext();
        }
        assertThat(threadOf(first)).isNotEqualTo(threadOf(second));

        // One after the other: a shared pool would lend the first loop's idle connection to the second.
        get(first);
        get(second);
        get(first);
        get(second);

        List<Integer> seen;
        synchronized (connectionOfRequest) {
            seen = List.copyOf(connectionOfRequest);
        }
        assertThat(seen).hasSize(4);
        assertThat(seen.get(0)).isNotEqualTo(seen.get(1));
        assertThat(seen.get(2)).isEqualTo(seen.get(0));
        assertThat(seen.get(3)).isEqualTo(seen.get(1));
    }

    /** A GET sent from the context's event loop, its whole answer read. */
    private void get(Context context) throws Exception {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        context.runOnContext(ignored -> client.open(service, HttpMethod.GET, "/api/contacts",
                        MultiMap.caseInsensitiveMultiMap())
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> response))
                .map(HttpClientResponse::statusCode)
                .onComplete(result -> {
                    if (result.succeeded()) {
                        status.complete(result.result());
                    } else {
                        status.completeExceptionally(result.cause());
                    }
                }));
        assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(200);
    }

    /** A context of its own (Vert.x gives each thread outside it one context): the loops take turns. */
    private Context newContext() throws Exception {
        CompletableFuture<Context> context = new CompletableFuture<>();
        Thread outside = new Thread(() -> context.complete(vertx.getOrCreateContext()));
        outside.start();
        return context.get(10, TimeUnit.SECONDS);
    }

    private static String threadOf(Context context) throws Exception {
        CompletableFuture<String> thread = new CompletableFuture<>();
        context.runOnContext(ignored -> thread.complete(Thread.currentThread().getName()));
        return thread.get(10, TimeUnit.SECONDS);
    }
}
