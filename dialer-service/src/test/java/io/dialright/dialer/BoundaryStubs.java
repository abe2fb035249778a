package io.dialright.dialer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The HTTP APIs of contact-service and consent-service at the dialer's boundary, as stubs the tests arrange:
 * contacts (their numbers, zones, team), segments, and consent decisions per number — or consent-service down.
 * Every request's {@code Authorization} header is recorded, so tests can assert whose token travelled. Tests
 * arrange it over HTTP ({@link Stubs}): the resource and the tests may live in different class loaders.
 */
public class BoundaryStubs implements QuarkusTestResourceLifecycleManager {

    /** A contact as contact-service's dial list returns it. */
    public record StubContact(UUID contactId, String team, String e164, String phoneHash, String masked,
                              String region, List<String> timeZones, String timeZone, String preferredFrom,
                              String preferredTo, List<String> tags, String status) {
    }

    public record Call(String path, String authorization) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<UUID, StubContact> contacts = new ConcurrentHashMap<>();
    private final Map<UUID, List<UUID>> segments = new ConcurrentHashMap<>();
    /** Blocked numbers (E.164) and their reason codes; every other number is allowed. */
    private final Map<String, List<String>> blocked = new ConcurrentHashMap<>();
    /** The latest requests (a bounded log: a benchmark sends hundreds of thousands). */
    private final BlockingQueue<Call> calls = new ArrayBlockingQueue<>(10_000);
    private volatile boolean consentDown;
    /** consent-service accepts the request but does not answer for this long (longer than the dialer waits). */
    private volatile long consentSilentMillis;

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK:
        // 40 ms per answer, which no real service has.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/api/decisions", this::decision);
        server.createContext("/api/contacts/dial-list", this::dialList);
        server.createContext("/api/segments/", this::segment);
        server.createContext("/stub/", this::arrange);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("dialright.dialer.consent.url", url, "dialright.dialer.contacts.url", url,
                "dialright.dialer.consent.timeout", "1s");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** {@code PUT /stub/contacts}, {@code /stub/segments/{id}}, {@code /stub/blocked}, {@code /stub/consent-down},
     * {@code /stub/consent-silent}. */
    private void arrange(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            body = bytes.length == 0 ? null : JSON.readTree(bytes);
        }
        if (path.equals("/stub/contacts")) {
            StubContact contact = JSON.treeToValue(body, StubContact.class);
            contacts.put(contact.contactId(), contact);
        } else if (path.startsWith("/stub/segments/")) {
            List<UUID> members = new ArrayList<>();
            body.forEach(id -> members.add(UUID.fromString(id.asText())));
            segments.put(UUID.fromString(path.substring("/stub/segments/".length())), members);
        } else if (path.equals("/stub/blocked")) {
            List<String> codes = new ArrayList<>();
            body.get("codes").forEach(code -> codes.add(code.asText()));
            blocked.put(body.get("phone").asText(), codes);
        } else if (path.equals("/stub/consent-down")) {
            consentDown = body.asBoolean();
        } else if (path.equals("/stub/consent-silent")) {
            consentSilentMillis = body.asLong();
        } else if (path.equals("/stub/calls")) {
            respond(exchange, 200, calls);
            return;
        } else if (path.equals("/stub/reset")) {
            blocked.clear();
            calls.clear();
            consentDown = false;
            consentSilentMillis = 0;
        }
        respond(exchange, 200, Map.of());
    }

    private void decision(HttpExchange exchange) throws IOException {
        record(exchange);
        if (consentDown) {
            respond(exchange, 503, Map.of("title", "Service unavailable"));
            return;
        }
        long silentMillis = consentSilentMillis;
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        List<String> codes = blocked.get(query.get("phone"));
        Map<String, Object> answer = new HashMap<>();
        answer.put("allowed", codes == null);
        answer.put("reasons", codes == null ? List.of()
                : codes.stream().map(code -> Map.of("code", code, "detail", "stubbed")).toList());
        if (codes == null) {
            answer.put("allowedBy", Map.of("rule", query.get("purpose"), "legalBasis", "CONTRACT"));
        }
        if (silentMillis > 0) {
            // Decided now, answered late: a late answer differs from what a later question gets.
            try {
                Thread.sleep(silentMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        respond(exchange, 200, answer);
    }

    private void dialList(HttpExchange exchange) throws IOException {
        record(exchange);
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = JSON.readTree(in);
        }
        String team = teamOf(exchange.getRequestHeaders().getFirst("Authorization"));
        List<Object> items = new ArrayList<>();
        List<String> notAvailable = new ArrayList<>();
        for (JsonNode id : body.get("contactIds")) {
            StubContact contact = contacts.get(UUID.fromString(id.asText()));
            if (contact == null || !contact.team().equals(team)) {
                notAvailable.add(id.asText());
                continue;
            }
            Map<String, Object> phone = new HashMap<>();
            phone.put("phoneId", UUID.randomUUID().toString());
            phone.put("e164", contact.e164());
            phone.put("phoneHash", contact.phoneHash());
            phone.put("masked", contact.masked());
            phone.put("type", "MOBILE");
            phone.put("region", contact.region());
            phone.put("timeZones", contact.timeZones());
            Map<String, Object> item = new HashMap<>();
            item.put("contactId", contact.contactId().toString());
            item.put("status", contact.status());
            item.put("team", contact.team());
            item.put("tags", contact.tags());
            item.put("timeZone", contact.timeZone());
            item.put("preferredFrom", contact.preferredFrom());
            item.put("preferredTo", contact.preferredTo());
            item.put("sourceChannel", "WEB_FORM");
            item.put("phones", List.of(phone));
            items.add(item);
        }
        respond(exchange, 200, Map.of("items", items, "notAvailable", notAvailable));
    }

    private void segment(HttpExchange exchange) throws IOException {
        record(exchange);
        String[] parts = exchange.getRequestURI().getPath().split("/");
        List<UUID> members = segments.get(UUID.fromString(parts[3]));
        if (members == null) {
            respond(exchange, 404, Map.of("title", "Not found"));
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        int size = Integer.parseInt(query.getOrDefault("size", "1000"));
        List<UUID> sorted = members.stream().sorted().toList();
        String after = query.get("after");
        List<UUID> page = sorted.stream().filter(id -> after == null || id.compareTo(UUID.fromString(after)) > 0)
                .limit(size).toList();
        Map<String, Object> answer = new HashMap<>();
        answer.put("contactIds", page);
        if (page.size() == size) {
            answer.put("next", page.get(page.size() - 1).toString());
        }
        respond(exchange, 200, answer);
    }

    /** The team claim of the bearer token (the stub trusts it: the dialer verified it already). */
    private static String teamOf(String authorization) throws IOException {
        String payload = authorization.substring("Bearer ".length()).split("\\.")[1];
        JsonNode claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(payload));
        return claims.path("team").asText(null);
    }

    private void record(HttpExchange exchange) {
        Call call = new Call(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization"));
        while (!calls.offer(call)) {
            calls.poll();
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
