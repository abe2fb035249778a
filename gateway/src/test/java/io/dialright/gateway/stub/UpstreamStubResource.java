package io.dialright.gateway.stub;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.dialright.localstack.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

/**
 * Starts stubs for the contact, consent and audit services and points the gateway at them; the dialer service is
 * pointed at a closed port, so it is always "down". The read timeout is shortened so the slow-service test is quick.
 */
public class UpstreamStubResource implements QuarkusTestResourceLifecycleManager {

    /** The read timeout the gateway runs with in tests; a stub delay above it must end in 504. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        return Map.of(
                "dialright.gateway.services.contact", startStub("contact"),
                "dialright.gateway.services.consent", startStub("consent"),
                "dialright.gateway.services.audit", startStub("audit"),
                // Free now and never opened: connecting to it is refused.
                "dialright.gateway.services.dialer", "http://127.0.0.1:" + FreePorts.next(),
                "dialright.gateway.read-timeout", READ_TIMEOUT.toMillis() + "ms");
    }

    private String startStub(String name) {
        try {
            int port = new UpstreamStub(vertx, name).start()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return "http://127.0.0.1:" + port;
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the " + name + " service stub", e);
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
        }
    }
}
