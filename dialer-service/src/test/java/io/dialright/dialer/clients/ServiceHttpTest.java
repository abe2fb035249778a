package io.dialright.dialer.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a call does when the callee drops the connection without answering — as a kept-alive connection does when
 * the callee restarted or timed it out just as the request went out. A raw socket plays the callee, so the drop
 * happens exactly where it matters.
 */
class ServiceHttpTest {

    private final ServiceHttp http = new ServiceHttp(new ObjectMapper());
    private ServerSocket callee;
    private Thread acceptor;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void openCallee() throws IOException {
        callee = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void closeCallee() throws Exception {
        callee.close();
        acceptor.join(5_000);
    }

    @Test
    void aQueryInTheBodyIsSentOnceMoreWhenTheCalleeDropsTheConnectionUnanswered() {
        answerAfterDropping(1);

        Map<?, ?> answer = http.postQuery(uri("/api/contacts/dial-list"), "token", Duration.ofSeconds(2),
                Map.of("contactIds", List.of("a", "b")), Map.class);

        assertThat(answer.get("items")).isEqualTo(List.of());
        assertThat(requests).hasSize(2).allSatisfy(request -> assertThat(request)
                .startsWith("POST /api/contacts/dial-list").endsWith("{\"contactIds\":[\"a\",\"b\"]}"));
    }

    @Test
    void aCalleeThatKeepsDroppingIsUnavailableWithTheReason() {
        answerAfterDropping(Integer.MAX_VALUE);

        assertThatThrownBy(() -> http.postQuery(uri("/api/contacts/dial-list"), "token", Duration.ofSeconds(2),
                Map.of("contactIds", List.of("a")), Map.class))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("/api/contacts/dial-list did not answer: SocketException (");
        assertThat(requests).hasSize(2);
    }

    /** The callee reads each request whole; it closes the first {@code drops} connections without a word. */
    private void answerAfterDropping(int drops) {
        AtomicInteger dropped = new AtomicInteger();
        acceptor = new Thread(() -> {
            while (!callee.isClosed()) {
                try (Socket connection = callee.accept()) {
                    requests.add(readRequest(connection.getInputStream()));
                    if (dropped.getAndIncrement() < drops) {
                        continue;
                    }
                    byte[] body = "{\"items\":[]}".getBytes(StandardCharsets.UTF_8);
                    OutputStream out = connection.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "callee");
        acceptor.start();
    }

    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("request ended inside its headers");
            }
            head.write(next);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = headers.lines().map(line -> line.toLowerCase(Locale.ROOT))
                .filter(line -> line.startsWith("content-length:"))
                .mapToInt(line -> Integer.parseInt(line.substring("content-length:".length()).trim()))
                .findFirst().orElse(0);
        return headers.lines().findFirst().orElseThrow() + " " + new String(in.readNBytes(length),
                StandardCharsets.UTF_8);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + callee.getLocalPort() + path);
    }
}
