package io.dialright.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

class ProxyHeadersTest {

    private static final ProxyHeaders.ForwardingFacts FACTS =
            new ProxyHeaders.ForwardingFacts("192.0.2.10", "https", "gateway.example:443");

    @Test
    void hopByHopAndConnectionNamedHeadersStayBehind() {
        MultiMap client = MultiMap.caseInsensitiveMultiMap()
                .add("Connection", "keep-alive, X-Session-Hop")
                .add("Keep-Alive", "timeout=5")
                .add("X-Session-Hop", "1")
                .add("TE", "trailers")
                .add("Trailer", "Expires")
                .add("Transfer-Encoding", "chunked")
                .add("Upgrade", "websocket")
                .add("Proxy-Authorization", "Basic eA==")
                .add("Proxy-Connection", "keep-alive")
                .add("Host", "gateway.example")
                .add("Expect", "100-continue")
                .add("Authorization", "Bearer t")
                .add("Content-Length", "12");

        MultiMap forwarded = ProxyHeaders.toService(client, FACTS, "rid-1");

        assertThat(forwarded.names()).doesNotContain("Connection", "Keep-Alive", "X-Session-Hop", "TE", "Trailer",
                "Transfer-Encoding", "Upgrade", "Proxy-Authorization", "Proxy-Connection", "Host", "Expect");
        assertThat(forwarded.get("Authorization")).isEqualTo("Bearer t");
        assertThat(forwarded.get("Content-Length")).isEqualTo("12");
    }

    @Test
    void identityHeadersAreDroppedWhateverTheirCase() {
        MultiMap client = MultiMap.caseInsensitiveMultiMap()
                .add("x-forwarded-user", "admin")
                .add("X-AUTH-SUBJECT", "admin")
                .add("X-User", "admin")
                .add("X-Roles", "admin")
                .add("X-Remote-User", "admin")
                .add("X-Dialright-Team", "t1")
                .add("x-dialright-anything", "x")
                .add("X-Userland", "kept");

        MultiMap forwarded = ProxyHeaders.toService(client, FACTS, "rid-1");

        assertThat(forwarded.contains("X-Forwarded-User")).isFalse();
        assertThat(forwarded.contains("X-Auth-Subject")).isFalse();
        assertThat(forwarded.contains("X-User")).isFalse();
        assertThat(forwarded.contains("X-Roles")).isFalse();
        assertThat(forwarded.contains("X-Remote-User")).isFalse();
        assertThat(forwarded.contains("X-Dialright-Team")).isFalse();
        assertThat(forwarded.contains("X-Dialright-Anything")).isFalse();
        assertThat(forwarded.get("X-Userland")).isEqualTo("kept");
    }

    @Test
    void forwardingFactsAndRequestIdComeFromGateway() {
        MultiMap client = MultiMap.caseInsensitiveMultiMap()
                .add("X-Forwarded-For", "10.6.6.6")
                .add("X-Forwarded-Proto", "http")
                .add("X-Real-IP", "10.6.6.6")
                .add("Forwarded", "for=10.6.6.6")
                .add("X-Request-Id", "client-chosen");

        MultiMap forwarded = ProxyHeaders.toService(client, FACTS, "rid-1");

        assertThat(forwarded.getAll("X-Forwarded-For")).containsExactly("192.0.2.10");
        assertThat(forwarded.getAll("X-Forwarded-Proto")).containsExactly("https");
        assertThat(forwarded.getAll("X-Forwarded-Host")).containsExactly("gateway.example:443");
        assertThat(forwarded.getAll("X-Request-Id")).containsExactly("rid-1");
        assertThat(forwarded.contains("X-Real-IP")).isFalse();
        assertThat(forwarded.contains("Forwarded")).isFalse();
    }

    @Test
    void responseKeepsEndToEndHeadersOnly() {
        MultiMap service = MultiMap.caseInsensitiveMultiMap()
                .add("Connection", "X-Internal")
                .add("X-Internal", "1")
                .add("Keep-Alive", "timeout=5")
                .add("Transfer-Encoding", "chunked")
                .add("Proxy-Authenticate", "Basic")
                .add("Content-Type", "application/json")
                .add("Set-Cookie", "a=1")
                .add("Set-Cookie", "b=2");
        MultiMap client = MultiMap.caseInsensitiveMultiMap();

        ProxyHeaders.toClient(service, client);

        assertThat(client.names()).containsExactlyInAnyOrder("Content-Type", "Set-Cookie");
        assertThat(client.getAll("Set-Cookie")).containsExactly("a=1", "b=2");
    }
}
