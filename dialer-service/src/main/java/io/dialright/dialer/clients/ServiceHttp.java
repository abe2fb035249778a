package io.dialright.dialer.clients;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialright.platform.web.RequestIds;
import org.jboss.logging.MDC;

/**
 * JSON calls to the other services on a person's behalf: the person's token travels on (the callee authorizes and
 * audits the real actor), and so does the request id. Time-outs and 5xx are {@link ServiceUnavailableException},
 * refusals {@link RefusedException}; the caller decides what failing closed means.
 *
 * <p>The call blocks the caller's thread, which does its own I/O ({@link HttpURLConnection}; the JDK keeps idle
 * connections per service open for reuse). Every hand-out asks consent-service, and an asynchronous client passes
 * each answer from its selector thread to its executor and then to the caller: on a busy two-core machine those
 * hand-offs cost more than the answer (measured in the next-call benchmark: the consent call's mean fell from
 * 1.6 to 1.0 ms). A call waits at most its timeout to connect (2 s at most) and then at most its timeout for each
 * read; a request that meets a kept-alive connection the callee had closed is sent once more by the JDK, so the worst
 * case is about twice that. The caller's transaction stays open meanwhile, which is why consent-service's timeout is
 * short. Every call here only reads (a POST carries a question too long for a URL), so sending it twice is harmless.
 */
@ApplicationScoped
public class ServiceHttp {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    static {
        // The JDK keeps 5 idle connections per service unless told otherwise; with dozens of operators asking at
        // once the others would be opened and closed for every call. An explicit -Dhttp.maxConnections wins.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "64");
        }
    }

    private final ObjectMapper json;

    public ServiceHttp(ObjectMapper json) {
        this.json = json;
    }

    public <T> T get(URI uri, String bearer, Duration timeout, Class<T> type) {
        return exchange(uri, "GET", bearer, timeout, null, json.constructType(type));
    }

    /** A read whose question travels in the body; like a GET, it may be sent twice (see above). */
    public <T> T postQuery(URI uri, String bearer, Duration timeout, Object body, Class<T> type) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not serialisable: " + body.getClass().getSimpleName(), e);
        }
        return exchange(uri, "POST", bearer, timeout, bytes, json.constructType(type));
    }

    /** One request; {@code timeout} is the longest the callee may stay silent before the call counts as failed. */
    private <T> T exchange(URI uri, String method, String bearer, Duration timeout, byte[] body, JavaType type) {
        String target = uri.getHost() + ":" + uri.getPort() + uri.getPath();
        HttpURLConnection connection = null;
        boolean answered = false;
        int status;
        byte[] answer;
        try {
            // Service to service: never through a proxy configured for the JVM's outbound traffic.
            connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
            connection.setRequestMethod(method);
            connection.setConnectTimeout((int) Math.max(1, Math.min(CONNECT_TIMEOUT.toMillis(), timeout.toMillis())));
            connection.setReadTimeout((int) Math.max(1, timeout.toMillis()));
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestProperty("Authorization", "Bearer " + bearer);
            connection.setRequestProperty("Accept", "application/json");
            Object requestId = MDC.get("requestId");
            if (requestId != null) {
                connection.setRequestProperty(RequestIds.HEADER, requestId.toString());
            }
            if (body != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                // Not streamed: the JDK keeps the body and sends it again when the kept-alive connection it chose
                // turns out closed by the callee (a restart, an idle time-out that crossed our request). A streamed
                // body would fail the call instead.
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            status = connection.getResponseCode();
            answer = readFully(connection, status);
            answered = true;
        } catch (IOException e) {
            throw new ServiceUnavailableException(target + " did not answer: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
        } finally {
            if (!answered && connection != null) {
                // Never handed back for reuse: a late answer must not be read by the next call.
                connection.disconnect();
            }
        }
        if (status >= 500) {
            throw new ServiceUnavailableException(target + " answered " + status, null);
        }
        if (status >= 300) {
            throw new RefusedException(status, target + " answered " + status);
        }
        try {
            return json.readValue(answer, type);
        } catch (IOException e) {
            throw new ServiceUnavailableException(target + " answered an unreadable body", e);
        }
    }

    /** The whole answer; closing its stream hands the connection back for reuse. */
    private static byte[] readFully(HttpURLConnection connection, int status) throws IOException {
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            return in.readAllBytes();
        }
    }
}
