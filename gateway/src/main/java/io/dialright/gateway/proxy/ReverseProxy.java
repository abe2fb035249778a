package io.dialright.gateway.proxy;

import jakarta.inject.Singleton;

import io.dialright.gateway.ApiRoutes;
import io.dialright.gateway.http.Problem;
import io.dialright.gateway.http.ProblemWriter;
import io.dialright.gateway.http.RequestIds;
import io.dialright.gateway.limits.LimitedBody;
import io.dialright.gateway.routing.Upstream;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.ReadStream;
import org.jboss.logging.Logger;

/**
 * Streams one request to a service and its answer back, without holding either body in memory: both directions are
 * piped with back-pressure, so a 2 MB import costs the gateway a few buffers, not 2 MB.
 */
@Singleton
public class ReverseProxy {

    private static final Logger LOG = Logger.getLogger(ReverseProxy.class);

    private final UpstreamClient client;

    public ReverseProxy(UpstreamClient client) {
        this.client = client;
    }

    /**
     * Forwards {@code request} (paused by the caller, its credentials already checked) to {@code upstream}.
     *
     * @param uri normalized path plus the client's raw query
     */
    public void forward(HttpServerRequest request, String uri, Upstream upstream, String requestId,
                        long maxBodyBytes) {
        MultiMap headers = ProxyHeaders.toService(request.headers(), forwardingFacts(request), requestId);
        client.open(upstream, request.method(), uri, headers)
                .onSuccess(upstreamRequest -> stream(request, upstreamRequest, upstream, requestId, maxBodyBytes))
                .onFailure(failure -> answerFailure(request, upstream, requestId, failure));
    }

    private void stream(HttpServerRequest request, HttpClientRequest upstreamRequest, Upstream upstream,
                        String requestId, long maxBodyBytes) {
        // A client that goes away should not leave the service working (and a connection busy) for nobody.
        request.response().closeHandler(closed -> upstreamRequest.reset());
        if (hasBody(request) && !upstreamRequest.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            upstreamRequest.setChunked(true);
        }
        upstreamRequest.response()
                .onSuccess(upstreamResponse -> relay(upstreamResponse, request, upstreamRequest, requestId))
                .onFailure(failure -> answerFailure(request, upstream, requestId, failure));
        // Not endOnFailure: if the client breaks off its upload, the service must see a broken request
        // (reset), never a shorter body that looks complete.
        // A declared Content-Length was checked against the limit before; a chunked body is counted as it streams.
        ReadStream<Buffer> body = upstreamRequest.headers().contains(HttpHeaders.CONTENT_LENGTH)
                ? request : new LimitedBody(request, maxBodyBytes);
        body.pipe()
                .endOnFailure(false)
                .to(upstreamRequest)
                .onSuccess(sent -> {
                    // The read timeout measures the service's silence, not the client's upload speed.
                    if (!upstreamRequest.response().isComplete()) {
                        upstreamRequest.idleTimeout(client.readTimeoutMillis());
                    }
                })
                .onFailure(failure -> {
                    if (failure instanceof LimitedBody.TooLarge) {
                        // Answer first: the reset makes the service request fail, which must not turn into a 502.
                        ProblemWriter.sendAndClose(request, Problem.payloadTooLarge(maxBodyBytes), requestId);
                    }
                    upstreamRequest.reset(0, failure);
                });
    }

    private void relay(HttpClientResponse upstreamResponse, HttpServerRequest request,
                       HttpClientRequest upstreamRequest, String requestId) {
        HttpServerResponse response = request.response();
        if (response.closed()) {
            upstreamRequest.reset();
            return;
        }
        response.setStatusCode(upstreamResponse.statusCode());
        ProxyHeaders.toClient(upstreamResponse.headers(), response.headers());
        response.headers().set(RequestIds.HEADER, requestId);
        if (!response.headers().contains(HttpHeaders.CONTENT_LENGTH)
                && mayHaveBody(request.method(), upstreamResponse.statusCode())) {
            response.setChunked(true);
        }
        upstreamResponse.pipe()
                .endOnFailure(false)
                .to(response)
                .onFailure(failure -> {
                    // Headers are out; breaking the connection is the only way to say "this body is incomplete".
                    LOG.debugf("Streaming the answer of %s %s broke off: %s", request.method(),
                            ApiRoutes.area(upstreamRequest.getURI()), failure.getMessage());
                    response.reset();
                    upstreamRequest.reset();
                });
    }

    private void answerFailure(HttpServerRequest request, Upstream upstream, String requestId, Throwable failure) {
        Problem problem = UpstreamFailures.toProblem(failure, upstream.service());
        LOG.infof("Request %s to the %s service at %s:%d failed (%d): %s", requestId, upstream.service().shortName(),
                upstream.host(), upstream.port(), problem.status(), failure.getMessage());
        ProblemWriter.send(request, problem, requestId);
    }

    /**
     * Whether the client announced a body. HTTP/1.1 requires Content-Length or chunked framing for one; HTTP/2 may
     * send data frames without either, so it is streamed as chunked.
     */
    private static boolean hasBody(HttpServerRequest request) {
        MultiMap headers = request.headers();
        return headers.contains(HttpHeaders.CONTENT_LENGTH)
                || headers.contains(HttpHeaders.TRANSFER_ENCODING)
                || request.version() == HttpVersion.HTTP_2;
    }

    private static boolean mayHaveBody(HttpMethod method, int status) {
        return method != HttpMethod.HEAD && status != 204 && status != 304 && (status < 100 || status >= 200);
    }

    private static ProxyHeaders.ForwardingFacts forwardingFacts(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        String clientAddress = remote == null ? "unknown"
                : remote.hostAddress() != null ? remote.hostAddress() : remote.host();
        HostAndPort authority = request.authority();
        return new ProxyHeaders.ForwardingFacts(clientAddress, request.scheme(),
                authority == null ? null : authority.toString());
    }
}
