package io.dialright.gateway.proxy;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.dialright.gateway.http.RequestIds;
import io.vertx.core.MultiMap;

/**
 * Which headers cross the gateway. Hop-by-hop headers (RFC 9110 §7.6.1) describe one connection and are dropped both
 * ways, together with any header the {@code Connection} header names. Headers that would let a client speak for
 * someone else (identity, forwarding) are dropped on the way in and the forwarding ones are set by the gateway.
 */
public final class ProxyHeaders {

    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade");

    /** Claims about the caller that only the token may make; a service must never find them from a client. */
    private static final Set<String> CLIENT_IDENTITY = Set.of(
            "x-forwarded-user", "x-auth-subject", "x-user", "x-roles", "x-remote-user");
    private static final String DIALRIGHT_PREFIX = "x-dialright-";

    /**
     * Set by the gateway from the connection; a client's values are lies until proven otherwise. {@code Host} is set
     * by the HTTP client to the service's address, {@code Expect} is answered by the gateway itself, and the request
     * id is replaced by the one the gateway chose.
     */
    private static final Set<String> SET_BY_GATEWAY = Set.of(
            "host", "expect", "forwarded", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host",
            "x-forwarded-port", "x-forwarded-prefix", "x-real-ip", "x-request-id");

    private ProxyHeaders() {
    }

    /** The headers to send to the service: the client's, cleaned, plus forwarding facts and the request id. */
    public static MultiMap toService(MultiMap clientHeaders, ForwardingFacts facts, String requestId) {
        Set<String> namedByConnection = namedByConnection(clientHeaders);
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> header : clientHeaders) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (isHopByHop(name, namedByConnection) || isClientIdentity(name) || SET_BY_GATEWAY.contains(name)) {
                continue;
            }
            out.add(header.getKey(), header.getValue());
        }
        out.set("X-Forwarded-For", facts.clientAddress());
        out.set("X-Forwarded-Proto", facts.scheme());
        if (facts.host() != null) {
            out.set("X-Forwarded-Host", facts.host());
        }
        out.set(RequestIds.HEADER, requestId);
        return out;
    }

    /** Copies the service's response headers that may reach the client. */
    public static void toClient(MultiMap serviceHeaders, MultiMap clientHeaders) {
        Set<String> namedByConnection = namedByConnection(serviceHeaders);
        for (Map.Entry<String, String> header : serviceHeaders) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!isHopByHop(name, namedByConnection)) {
                clientHeaders.add(header.getKey(), header.getValue());
            }
        }
    }

    private static boolean isHopByHop(String lowerCaseName, Set<String> namedByConnection) {
        return HOP_BY_HOP.contains(lowerCaseName)
                || lowerCaseName.startsWith("proxy-")
                || namedByConnection.contains(lowerCaseName);
    }

    private static boolean isClientIdentity(String lowerCaseName) {
        return CLIENT_IDENTITY.contains(lowerCaseName) || lowerCaseName.startsWith(DIALRIGHT_PREFIX);
    }

    private static Set<String> namedByConnection(MultiMap headers) {
        Set<String> names = new HashSet<>();
        List<String> values = headers.getAll("Connection");
        for (String value : values) {
            for (String token : value.split(",")) {
                String name = token.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** What the gateway knows about the client's connection, to tell the service. */
    public record ForwardingFacts(String clientAddress, String scheme, String host) {
    }
}
