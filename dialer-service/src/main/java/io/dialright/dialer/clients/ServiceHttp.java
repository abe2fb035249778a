package io.dialright.dialer.clients;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.dialright.platform.web.RequestIds;
import org.jboss.logging.MDC;

/**
 * JSON calls to the other services on a person's behalf: the person's token travels on (the callee authorizes and
 * audits the real actor), and so does the request id. Time-outs and 5xx are {@link ServiceUnavailableException},
 * refusals {@link RefusedException}; the caller decides what failing closed means.
 */
@ApplicationScoped
public class ServiceHttp {

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final ObjectMapper json;

    public ServiceHttp(ObjectMapper json) {
        this.json = json;
    }

    public <T> T get(URI uri, String bearer, Duration timeout, Class<T> type) {
        return send(request(uri, bearer, timeout).GET().build(), json.constructType(type));
    }

    public <T> T post(URI uri, String bearer, Duration timeout, Object body, Class<T> type) {
        try {
            HttpRequest request = request(uri, bearer, timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
            return send(request, json.constructType(type));
        } catch (IOException e) {
            throw new IllegalArgumentException("Not serialisable: " + body.getClass().getSimpleName(), e);
        }
    }

    private static HttpRequest.Builder request(URI uri, String bearer, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json");
        Object requestId = MDC.get("requestId");
        if (requestId != null) {
            builder.header(RequestIds.HEADER, requestId.toString());
        }
        return builder;
    }

    private <T> T send(HttpRequest request, JavaType type) {
        String target = request.uri().getHost() + ":" + request.uri().getPort() + request.uri().getPath();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ServiceUnavailableException(target + " did not answer: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException(target + ": interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 500) {
            throw new ServiceUnavailableException(target + " answered " + status, null);
        }
        if (status >= 300) {
            throw new RefusedException(status, target + " answered " + status);
        }
        try {
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw new ServiceUnavailableException(target + " answered an unreadable body", e);
        }
    }
}
