package io.dialright.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.dialright.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input through the gateway, as clients send it, never breaks a service: 10,000 generated phone strings against
 * every endpoint that takes a number, broken bodies against every POST, PUT and PATCH the services document, and
 * values of the wrong kind in every query and path parameter of every GET. No answer is a 5xx or a hang; every
 * refusal is problem+json with a status of bad input and never repeats the number; every success is JSON. The inputs
 * come from a fixed seed ({@code -Dbadinput.seed=…} tries another), so a failure reproduces; all breaches are listed
 * at once, and the figures of the run are printed.
 */
class BadInputIT {

    private static final long SEED = Long.getLong("badinput.seed", 20261129L);
    private static final int PHONE_STRINGS = 10_000;
    /** The first strings go to every endpoint; the others to one each, in turn (the batch taking two turns). */
    private static final int SENT_EVERYWHERE = 300;
    private static final int BATCH_SIZE = 50;
    private static final int BATCH_TURNS = 2;
    private static final int THREADS = 8;
    /** Roles to call as, in order of preference: the first one an operation declares is used. */
    private static final List<String> ROLES = List.of("integration", "supervisor", "privacy-officer", "admin",
            "operator", "analyst");
    /** Paths with the gateway's upload limit (512 MB) rather than the standard one. */
    private static final List<String> UPLOAD_PATHS = List.of("/api/imports", "/api/registry/imports");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalSuite suite;
    private static List<OpenApiOperations.Operation> operations;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = new LocalSuite();
        operations = OpenApiOperations.ofServices(suite);
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void generatedPhoneStringsNeverBreakAnEndpointThatTakesANumber() throws Exception {
        List<String> phones = PhoneStrings.generate(SEED, PHONE_STRINGS);
        List<PhoneEndpoint> endpoints = phoneEndpoints();
        Answers answers = new Answers();
        long started = System.nanoTime();
        try (Volley volley = new Volley(THREADS, answers)) {
            List<Integer> batch = new ArrayList<>();
            for (int i = 0; i < phones.size(); i++) {
                String phone = phones.get(i);
                if (i < SENT_EVERYWHERE) {
                    for (PhoneEndpoint endpoint : endpoints) {
                        send(volley, endpoint, i, phone);
                    }
                    batch.add(i);
                } else if (i % (endpoints.size() + BATCH_TURNS) < endpoints.size()) {
                    send(volley, endpoints.get(i % (endpoints.size() + BATCH_TURNS)), i, phone);
                } else {
                    batch.add(i);
                }
                if (batch.size() == BATCH_SIZE || (!batch.isEmpty() && i == phones.size() - 1)) {
                    sendBatch(volley, phones, batch);
                    batch = new ArrayList<>();
                }
            }
            volley.awaitAnswers();
        }
        report("phone strings", phones.size() + " strings (seed " + SEED + ")", answers, started);
        assertThat(answers.violations()).as(answers.report()).isEmpty();
    }

    @Test
    void malformedBodiesNeverBreakAnOperation() throws Exception {
        List<OpenApiOperations.Operation> writes = new ArrayList<>(operations.stream()
                .filter(operation -> Set.of("post", "put", "patch").contains(operation.method()))
                .toList());
        assertThat(writes).as("documented POST/PUT/PATCH operations").hasSizeGreaterThan(20);
        writes.add(revocations());
        Answers answers = new Answers();
        long started = System.nanoTime();
        int bodies = 0;
        try (Volley volley = new Volley(THREADS, answers)) {
            for (OpenApiOperations.Operation operation : writes) {
                boolean upload = UPLOAD_PATHS.stream().anyMatch(operation.path()::startsWith);
                String token = tokenFor(operation.roles());
                for (MalformedBodies.Body body : MalformedBodies.of(SEED, operation.consumes(),
                        operation.requestSchema(), !upload)) {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.gateway.baseUrl()
                                    + operation.path()))
                            .method(operation.method().toUpperCase(),
                                    HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
                            .header("Authorization", "Bearer " + token)
                            // Call events are signed by the client; the signature lets a broken body reach parsing.
                            .header("X-Signature", LocalSuite.webhookSignature(body.bytes()));
                    if (body.contentType() != null) {
                        request.header("Content-Type", body.contentType());
                    }
                    volley.send(operation.method().toUpperCase() + " " + operation.template(), body.label(), request,
                            List.of(), body.expectedStatus());
                    bodies++;
                }
            }
            volley.awaitAnswers();
        }
        report("malformed bodies", bodies + " bodies to " + writes.size() + " operations", answers, started);
        assertThat(answers.violations()).as(answers.report()).isEmpty();
    }

    @Test
    void malformedParametersNeverBreakARead() throws Exception {
        List<OpenApiOperations.Operation> reads = operations.stream()
                .filter(operation -> operation.method().equals("get"))
                .toList();
        assertThat(reads).as("documented GET operations").hasSizeGreaterThan(20);
        Answers answers = new Answers();
        long started = System.nanoTime();
        try (Volley volley = new Volley(THREADS, answers)) {
            for (OpenApiOperations.Operation operation : reads) {
                String token = tokenFor(operation.roles());
                sendWrongQueryValues(volley, operation, token);
                sendWrongPathValues(volley, operation, token);
            }
            volley.awaitAnswers();
        }
        report("malformed parameters", reads.size() + " GET operations", answers, started);
        assertThat(answers.violations()).as(answers.report()).isEmpty();
    }

    private void sendWrongQueryValues(Volley volley, OpenApiOperations.Operation operation, String token) {
        operation.queryParameters().forEach((name, schema) -> {
            for (String value : MalformedBodies.wrongParameterValues(schema)) {
                URI uri = URI.create(suite.gateway.baseUrl() + operation.path() + "?" + name + "=" + query(value));
                volley.send("GET " + operation.template(), "?" + name + "=" + value,
                        HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token), List.of(), 0);
            }
        });
    }

    /**
     * Each path parameter's segment in turn gets each bad value (path and template have the same segments), but not
     * an empty one: that is the address of another operation ({@code /api/campaigns/} lists campaigns).
     */
    private void sendWrongPathValues(Volley volley, OpenApiOperations.Operation operation, String token) {
        String[] template = operation.template().split("/");
        for (int i = 0; i < template.length; i++) {
            if (!template[i].startsWith("{")) {
                continue;
            }
            for (String value : MalformedBodies.wrongParameterValues(JSON.createObjectNode())) {
                if (value.isEmpty()) {
                    continue;
                }
                String[] segments = operation.path().split("/");
                segments[i] = pathSegment(value);
                volley.send("GET " + operation.template(), template[i] + " = " + value, HttpRequest.newBuilder(
                                URI.create(suite.gateway.baseUrl() + String.join("/", segments)))
                        .header("Authorization", "Bearer " + token), List.of(), 0);
            }
        }
    }

    /**
     * The gateway's own write operation, which parses its body itself; no service documents it. Its plausible body
     * revokes a subject no token of this test has.
     */
    private static OpenApiOperations.Operation revocations() throws JsonProcessingException {
        return new OpenApiOperations.Operation("gateway", "post", "/api/access/revocations",
                "/api/access/revocations", Set.of("admin"), "application/json", JSON.readTree("""
                        {"type": "object", "properties": {"subject": {"type": "string"},
                         "reason": {"type": "string"}, "effectiveAt": {"type": "string", "format": "date-time"}}}
                        """), Map.of());
    }

    /** An endpoint that takes a number, and the request that puts a given string where the number goes. */
    private record PhoneEndpoint(String name, String token, Function<String, HttpRequest.Builder> request) {
    }

    private List<PhoneEndpoint> phoneEndpoints() {
        String gateway = suite.gateway.baseUrl();
        return List.of(
                get("GET /api/lookup", phone -> gateway + "/api/lookup?number=" + query(phone)),
                get("GET /api/decisions", phone -> gateway + "/api/decisions?phone=" + query(phone)
                        + "&purpose=ORDER_STATUS&channel=VOICE"),
                get("GET /api/contacts", phone -> gateway + "/api/contacts?phone=" + query(phone)),
                get("GET /api/consents", phone -> gateway + "/api/consents?phone=" + query(phone)),
                get("GET /api/stop-list/{phone}", phone -> gateway + "/api/stop-list/" + pathSegment(phone)),
                post("POST /api/opt-outs", "/api/opt-outs", phone -> Map.of("phone", phone, "channel", "OPERATOR",
                        "source", "bad input test")),
                post("POST /api/contacts", "/api/contacts", phone -> Map.of("name", "Bad Input",
                        "phones", List.of(Map.of("number", phone)), "source", Map.of("channel", "WEB_FORM"))),
                post("POST /api/contacts/number-checks", "/api/contacts/number-checks",
                        phone -> Map.of("number", phone)),
                post("POST /api/call-events", "/api/call-events", phone -> Map.of("eventId", UUID.randomUUID(),
                        "type", "CALL_STARTED", "callId", "bad-input-" + UUID.randomUUID(), "phone", phone,
                        "direction", "INBOUND", "operatorId", "operator-1",
                        "occurredAt", Instant.now().minusSeconds(60).toString())),
                post("POST /api/privacy-requests", "/api/privacy-requests", phone -> Map.of("type", "ACCESS",
                        "phone", phone, "channel", "OPERATOR", "requester", "bad input test")),
                post("POST /api/consents", "/api/consents", phone -> Map.of("contactId", UUID.randomUUID(),
                        "phone", phone, "purpose", "ORDER_STATUS", "channel", "VOICE", "legalBasis", "CONTRACT",
                        "captureMethod", "WEB_FORM", "source", "bad input test")));
    }

    private PhoneEndpoint get(String name, Function<String, String> uri) {
        return new PhoneEndpoint(name, tokenFor(name), phone -> HttpRequest.newBuilder(URI.create(uri.apply(phone))));
    }

    private PhoneEndpoint post(String name, String path, Function<String, Object> body) {
        return new PhoneEndpoint(name, tokenFor(name), phone -> {
            byte[] bytes = json(body.apply(phone));
            return HttpRequest.newBuilder(URI.create(suite.gateway.baseUrl() + path))
                    .header("Content-Type", "application/json")
                    // Call events are signed by the client; other endpoints ignore the header.
                    .header("X-Signature", LocalSuite.webhookSignature(bytes))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        });
    }

    private static void send(Volley volley, PhoneEndpoint endpoint, int index, String phone) {
        volley.send(endpoint.name(), "phone #" + index + " " + phone,
                endpoint.request().apply(phone).header("Authorization", "Bearer " + endpoint.token()),
                List.of(phone), 0);
    }

    private void sendBatch(Volley volley, List<String> phones, List<Integer> indexes) {
        List<String> batch = indexes.stream().map(phones::get).toList();
        byte[] body = json(Map.of("purpose", "ORDER_STATUS", "channel", "VOICE", "phones", batch));
        String name = "POST /api/decisions/batch";
        volley.send(name, "phones #" + indexes,
                HttpRequest.newBuilder(URI.create(suite.gateway.baseUrl() + "/api/decisions/batch"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + tokenFor(name))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
                batch, 0);
    }

    /** A token of the most capable role the named endpoint (method and template) declares. */
    private static String tokenFor(String endpoint) {
        String[] methodAndTemplate = endpoint.split(" ", 2);
        return tokenFor(operations.stream()
                .filter(operation -> operation.method().equalsIgnoreCase(methodAndTemplate[0])
                        && operation.template().equals(methodAndTemplate[1]))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(endpoint + " is not documented"))
                .roles());
    }

    private static String tokenFor(Set<String> roles) {
        String role = ROLES.stream().filter(roles::contains).findFirst()
                .orElseThrow(() -> new IllegalStateException("no known role among " + roles));
        return TestTokens.token("bad-input-" + role, role,
                role.equals("operator") || role.equals("supervisor") ? "team-a" : null);
    }

    private static void report(String what, String sent, Answers answers, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        System.out.printf("BadInputIT %s: %s, %d requests in %.1f s (%.0f/s, %d threads), statuses %s%n", what, sent,
                answers.requests(), seconds, answers.requests() / seconds, THREADS, answers.histogram());
        answers.perEndpoint().forEach((endpoint, statuses) ->
                System.out.printf("BadInputIT   %-60s %s%n", endpoint, statuses));
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] json(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Maps of strings always serialise", e);
        }
    }
}
