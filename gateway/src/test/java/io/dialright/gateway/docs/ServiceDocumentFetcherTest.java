package io.dialright.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.dialright.gateway.config.GatewayConfig;
import io.dialright.gateway.proxy.UpstreamClient;
import io.dialright.gateway.routing.RouteTable;
import io.dialright.gateway.routing.Service;
import io.dialright.localstack.FreePorts;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How each way a service can fail to give its document becomes a reason in the merged document. */
class ServiceDocumentFetcherTest {

    private static final Duration FETCH_TIMEOUT = Duration.ofMillis(300);

    private final AtomicReference<Handler<HttpServerRequest>> contactService = new AtomicReference<>();
    private final AtomicReference<String> askedFor = new AtomicReference<>();
    private Vertx vertx;
    private ServiceDocumentFetcher fetcher;

    @BeforeEach
    void startContactService() throws Exception {
        vertx = Vertx.vertx();
        int port = vertx.createHttpServer()
                .requestHandler(request -> {
                    askedFor.set(request.uri());
                    contactService.get().handle(request);
                })
                .listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .actualPort();
        String closed = "http://127.0.0.1:" + FreePorts.next();
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                // Quarkus' reading of "2s" and "300ms"; plain SmallRye takes only ISO-8601.
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withMapping(GatewayConfig.class)
                .withMapping(DocsConfig.class)
                .withDefaultValues(Map.of(
                        "dialright.gateway.services.contact", "http://127.0.0.1:" + port,
                        "dialright.gateway.services.consent", closed,
                        "dialright.gateway.services.dialer", closed,
                        "dialright.gateway.services.audit", closed,
                        "dialright.gateway.docs.fetch-timeout", FETCH_TIMEOUT.toMillis() + "ms"))
                .build();
        GatewayConfig gateway = config.getConfigMapping(GatewayConfig.class);
        fetcher = new ServiceDocumentFetcher(new UpstreamClient(vertx, gateway), new RouteTable(gateway),
                config.getConfigMapping(DocsConfig.class));
    }

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void documentIsAskedForAsJson() {
        contactService.set(request -> request.response().end("{\"openapi\":\"3.1.0\",\"paths\":{}}"));

        ServiceDocument document = fetch(Service.CONTACT);

        assertThat(document).isInstanceOf(ServiceDocument.Available.class);
        assertThat(askedFor.get()).isEqualTo("/q/openapi?format=json");
    }

    @Test
    void refusedConnectionIsNotReachable() {
        assertThat(reason(Service.CONSENT)).isEqualTo("The consent service is not reachable; try again shortly.");
    }

    @Test
    void errorStatusIsNamed() {
        contactService.set(request -> request.response().setStatusCode(503).end("starting"));

        assertThat(reason(Service.CONTACT))
                .isEqualTo("The contact service answered HTTP 503 instead of its OpenAPI document.");
    }

    @Test
    void answerThatIsNotAnOpenApiDocumentIsNamed() {
        contactService.set(request -> request.response().end("openapi: 3.1.0\n"));

        assertThat(reason(Service.CONTACT)).isEqualTo(
                "The contact service sent no readable OpenAPI document (the body is not a JSON object).");
    }

    @Test
    void serviceSlowerThanTheFetchTimeoutIsGivenUpOn() {
        contactService.set(request -> {
            // Never answers.
        });

        long started = System.nanoTime();
        assertThat(reason(Service.CONTACT)).isEqualTo("The contact service did not answer in time; try again shortly.");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(FETCH_TIMEOUT.multipliedBy(10));
    }

    private ServiceDocument fetch(Service service) {
        return fetcher.fetch(service).toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private String reason(Service service) {
        ServiceDocument document = fetch(service);
        assertThat(document).isInstanceOf(ServiceDocument.Unavailable.class);
        return ((ServiceDocument.Unavailable) document).reason();
    }
}
