package io.dialright.gateway.stub;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * Stands in for one service behind the gateway. By default it echoes what reached it (method, path, query, headers,
 * body length and SHA-256) as JSON. Request headers change its behaviour: {@value #DELAY_HEADER} makes it answer
 * late, {@value #RESPOND_BYTES_HEADER} makes it answer with that many bytes of {@link Payloads#pattern}, chunked.
 * {@code GET /__stub/stats} reports counters, read by tests directly (not through the gateway).
 * {@code GET /q/openapi} answers like Quarkus: the service's document from {@code openapi-stubs/<name>.json} as JSON
 * when asked with {@code format=json} or {@code Accept: application/json}, otherwise as YAML (here a stand-in that is
 * not JSON); 404 when the service has no document there.
 */
public final class UpstreamStub {

    public static final String DELAY_HEADER = "X-Stub-Delay-Ms";
    public static final String RESPOND_BYTES_HEADER = "X-Stub-Respond-Bytes";
    public static final String STATS_PATH = "/__stub/stats";
    public static final String OPENAPI_PATH = "/q/openapi";
    /** Echo bodies up to this size are returned as text too, so tests can compare them directly. */
    private static final int ECHOED_BODY_LIMIT = 64 * 1024;
    private static final int CHUNK = 64 * 1024;

    private final Vertx vertx;
    private final String name;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger abandoned = new AtomicInteger();
    private final AtomicInteger openApiRequests = new AtomicInteger();
    private HttpServer server;

    public UpstreamStub(Vertx vertx, String name) {
        this.vertx = vertx;
        this.name = name;
    }

    /** Starts listening on a free loopback port and completes with that port. */
    public Future<Integer> start() {
        server = vertx.createHttpServer();
        return server.requestHandler(this::handle)
                .listen(0, "127.0.0.1")
                .map(HttpServer::actualPort);
    }

    private void handle(HttpServerRequest request) {
        if (request.path().equals(STATS_PATH)) {
            request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                    .put("requests", requests.get())
                    .put("abandoned", abandoned.get())
                    .put("openApiRequests", openApiRequests.get())
                    .encode());
            return;
        }
        if (request.path().equals(OPENAPI_PATH)) {
            openApiRequests.incrementAndGet();
            answerOpenApi(request);
            return;
        }
        requests.incrementAndGet();
        request.body().onSuccess(body -> {
            HttpServerResponse response = request.response();
            response.closeHandler(closed -> {
                if (!response.ended()) {
                    abandoned.incrementAndGet();
                }
            });
            long delay = Long.parseLong(headerOr(request, DELAY_HEADER, "0"));
            if (delay > 0) {
                vertx.setTimer(delay, id -> answer(request, body));
            } else {
                answer(request, body);
            }
        });
    }

    private void answer(HttpServerRequest request, Buffer body) {
        HttpServerResponse response = request.response();
        if (response.closed()) {
            return;
        }
        // Hop-by-hop headers the gateway must not pass on to its client.
        response.putHeader("Keep-Alive", "timeout=99");
        response.putHeader("Proxy-Authenticate", "Basic realm=\"stub\"");
        response.putHeader("X-Stub-Service", name);
        int respondBytes = Integer.parseInt(headerOr(request, RESPOND_BYTES_HEADER, "-1"));
        if (respondBytes >= 0) {
            respondWithPattern(response, respondBytes);
            return;
        }
        response.putHeader("Content-Type", "application/json").end(echo(request, body).encode());
    }

    private void answerOpenApi(HttpServerRequest request) {
        byte[] document = openApiDocument();
        HttpServerResponse response = request.response();
        if (document == null) {
            response.setStatusCode(404).end();
            return;
        }
        String accept = headerOr(request, "Accept", "");
        if ("json".equals(request.getParam("format")) || accept.contains("application/json")) {
            response.putHeader("Content-Type", "application/json").end(Buffer.buffer(document));
        } else {
            response.putHeader("Content-Type", "application/yaml")
                    .end("openapi: 3.1.0\ninfo:\n  title: " + name + "\n");
        }
    }

    private byte[] openApiDocument() {
        try (InputStream in = UpstreamStub.class.getResourceAsStream("/openapi-stubs/" + name + ".json")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonObject echo(HttpServerRequest request, Buffer body) {
        Map<String, List<String>> headers = new TreeMap<>();
        request.headers().forEach(header -> headers
                .computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), key -> new ArrayList<>())
                .add(header.getValue()));
        JsonObject echo = new JsonObject()
                .put("service", name)
                .put("method", request.method().name())
                .put("uri", request.uri())
                .put("path", request.path())
                .put("query", request.query())
                .put("headers", headers)
                .put("bodyLength", body.length())
                .put("bodySha256", sha256(body.getBytes()));
        if (body.length() <= ECHOED_BODY_LIMIT) {
            echo.put("body", body.toString());
        }
        return echo;
    }

    private static void respondWithPattern(HttpServerResponse response, int length) {
        byte[] bytes = Payloads.pattern(length);
        response.setChunked(true).putHeader("Content-Type", "application/octet-stream");
        for (int offset = 0; offset < length; offset += CHUNK) {
            response.write(Buffer.buffer().appendBytes(bytes, offset, Math.min(CHUNK, length - offset)));
        }
        response.end();
    }

    private static String headerOr(HttpServerRequest request, String name, String fallback) {
        String value = request.getHeader(name);
        return value == null ? fallback : value;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
