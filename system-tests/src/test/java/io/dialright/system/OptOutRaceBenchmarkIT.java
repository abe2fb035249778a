package io.dialright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.dialright.localstack.BenchmarkFigures;
import io.dialright.testsupport.TestTokens;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Opt-out → dialer (D-3, K-4): from an opt-out's 201 on, the number must never be handed out again. The packaged
 * services run as ./dialright up runs them; operators ask for their next call without pause while opt-outs are
 * posted for the numbers at the head of the queue, the ones most likely to be handed out in the same moment.
 * A <em>violation</em> is a hand-out of a number whose request started after its opt-out's 201 (a request that
 * started before may legitimately have been checked before the opt-out). Also measured: how long the
 * {@code OptOutRecorded} event takes to reach the dialer's projection, next to the broker's own produce→consume
 * latency in the same run. Not part of the suite:
 * {@code ./mvnw -B install -DskipTests && ./mvnw -B -pl system-tests verify -Dit.test=OptOutRaceBenchmarkIT
 * -DexcludedGroups=none} ({@code -Dbench.trials=…}); the report goes to
 * {@code system-tests/target/benchmarks/opt-out-race.txt}.
 */
@Tag("benchmark")
class OptOutRaceBenchmarkIT {

    private static final int TRIALS = Integer.getInteger("bench.trials", 10_000);
    private static final int OPERATORS = Integer.getInteger("bench.operators", 2);
    private static final Path OUT = Path.of("target", "benchmarks");
    private static final String SUPERVISOR = TestTokens.token("supervisor-a", "supervisor", "team-a");
    private static final String WEB_FORM = TestTokens.token("web-form", "integration");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** A hand-out as an operator saw it. */
    private record HandOut(String contactId, long startedNanos, long answeredNanos) {
    }

    /** An opt-out's 201, on the clock of this JVM (nanoTime) and of the machine (Instant). */
    private record OptOut(String contactId, String e164, long answeredNanos, Instant answeredAt) {
    }

    @Test
    void noNumberIsHandedOutAfterItsOptOut() throws Exception {
        Files.createDirectories(OUT);
        try (LocalSuite suite = new LocalSuite(ServiceProcess::dialrightUpJavaOptions)) {
            String gateway = suite.gateway.baseUrl();
            // Every opt-out takes a number out of the queue and so does every hand-out: twice the trials.
            int members = TRIALS * 2;
            long setupStart = System.nanoTime();
            Map<String, String> numbers = contactsWithConsent(gateway, members);
            String campaign = campaign(gateway, new ArrayList<>(numbers.keySet()));
            double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
            // The dialer serves fresh members in contact-id order (PostgreSQL's uuid order = the hex text's).
            List<String> queue = new ArrayList<>(numbers.keySet());
            Collections.sort(queue);

            Map<String, HandOut> handOuts = new ConcurrentHashMap<>();
            Map<String, OptOut> optOuts = new ConcurrentHashMap<>();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger errors = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(OPERATORS + 1);
            List<Future<?>> operators = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < OPERATORS; i++) {
                String token = TestTokens.token("race-operator-" + i, "operator", "team-a");
                operators.add(pool.submit(() -> {
                    askForCalls(gateway, campaign, token, handOuts, running, errors);
                    return null;
                }));
            }
            Future<?> optingOut = pool.submit(() -> {
                optOutTheHead(gateway, queue, numbers, handOuts, optOuts, running, errors);
                return null;
            });
            optingOut.get();
            running.set(false);
            for (Future<?> operator : operators) {
                operator.get();
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - started) / 1e9;

            long violations = 0;
            long raced = 0;
            for (OptOut optOut : optOuts.values()) {
                HandOut handOut = handOuts.get(optOut.contactId());
                if (handOut == null) {
                    continue;
                }
                if (handOut.startedNanos() > optOut.answeredNanos()) {
                    violations++;
                } else if (handOut.answeredNanos() > optOut.answeredNanos()) {
                    raced++;
                }
            }
            long[] propagation = propagationMillis(suite, optOuts);
            long[] broker = brokerLatencyMillis(suite, optOuts.size(), seconds);

            String report = String.format(Locale.ROOT, """
                    Opt-out → dialer race, %s
                    %d members with consent (set up in %.0f s), %d operators asking (0-10 ms apart), 1 client posting
                    opt-outs for the 1st-3rd numbers not yet handed out; %.0f s
                    opt-outs (trials): %d; hand-outs: %d; errors: %d
                    violations (handed out by a request that started after the opt-out's 201): %d   target 0
                    hand-outs whose request overlapped the opt-out (checked before it, legitimately): %d
                    OptOutRecorded → dialer projection, from the opt-out's 201: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms (%d)
                    broker produce → consume in the same run (same count, same rate): p50 %d ms, p95 %d ms, p99 %d ms, max %d ms
                    """, Instant.now(), members, setupSeconds, OPERATORS, seconds, optOuts.size(), handOuts.size(),
                    errors.get(), violations, raced, percentile(propagation, 0.5), percentile(propagation, 0.95),
                    percentile(propagation, 0.99), propagation.length == 0 ? 0 : propagation[propagation.length - 1],
                    propagation.length, percentile(broker, 0.5), percentile(broker, 0.95), percentile(broker, 0.99),
                    broker.length == 0 ? 0 : broker[broker.length - 1]);
            System.out.println(report);
            Files.writeString(OUT.resolve("opt-out-race.txt"), report, StandardCharsets.UTF_8);
            String trials = String.format(Locale.ROOT, "%,d opt-outs, %,d hand-outs", optOuts.size(),
                    handOuts.size());
            new BenchmarkFigures("opt-out-race")
                    .add("violations", "hand-outs by a request that started after the opt-out's 201, " + trials,
                            violations, "", null, "= 0")
                    .add("broker_p99_ms", "broker produce → consume, same count and rate, p99",
                            broker.length == 0 ? Double.NaN : percentile(broker, 0.99), "ms")
                    .add("propagation_p99_ms", "OptOutRecorded → dialer projection from the 201, p99",
                            propagation.length == 0 ? Double.NaN : percentile(propagation, 0.99), "ms",
                            "broker_p99_ms", null)
                    .write(OUT);
            assertEquals(0, violations, "no number may be handed out after its opt-out");
        }
    }

    private void askForCalls(String gateway, String campaign, String token, Map<String, HandOut> handOuts,
                             AtomicBoolean running, AtomicInteger errors) throws Exception {
        HttpRequest next = HttpRequest.newBuilder(URI.create(gateway + "/api/campaigns/" + campaign + "/next"))
                .header("Authorization", "Bearer " + token).GET().build();
        while (running.get()) {
            long asked = System.nanoTime();
            HttpResponse<String> answer = http.send(next, HttpResponse.BodyHandlers.ofString());
            long answered = System.nanoTime();
            if (answer.statusCode() == 200) {
                String contactId = field(answer.body(), "contactId");
                handOuts.put(contactId, new HandOut(contactId, asked, answered));
                // A few milliseconds to dial: the opt-outs keep pace with the hand-outs at the head of the queue.
                TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextInt(10));
            } else if (answer.statusCode() == 204) {
                return;
            } else {
                errors.incrementAndGet();
            }
        }
    }

    private void optOutTheHead(String gateway, List<String> queue, Map<String, String> numbers,
                               Map<String, HandOut> handOuts, Map<String, OptOut> optOuts, AtomicBoolean running,
                               AtomicInteger errors) throws Exception {
        String operator = TestTokens.token("race-desk", "operator", "team-a");
        int position = 0;
        while (optOuts.size() < TRIALS && running.get()) {
            // The numbers not yet handed out nor opted out, nearest the head of the queue.
            List<String> head = new ArrayList<>(3);
            for (int i = position; i < queue.size() && head.size() < 3; i++) {
                String candidate = queue.get(i);
                if (!handOuts.containsKey(candidate) && !optOuts.containsKey(candidate)) {
                    head.add(candidate);
                } else if (head.isEmpty()) {
                    position = i + 1;
                }
            }
            if (head.isEmpty()) {
                return;
            }
            String contactId = head.get(ThreadLocalRandom.current().nextInt(head.size()));
            String e164 = numbers.get(contactId);
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/opt-outs"))
                    .header("Authorization", "Bearer " + operator).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"phone\":\"" + e164 + "\",\"channel\":\"OPERATOR\","
                            + "\"source\":\"race benchmark\"}")).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 201) {
                optOuts.put(contactId, new OptOut(contactId, e164, System.nanoTime(), Instant.now()));
            } else {
                errors.incrementAndGet();
            }
        }
    }

    /** Contacts of team a, each with a service consent (contract basis) for ORDER_STATUS: contact id → E.164. */
    private Map<String, String> contactsWithConsent(String gateway, int count) throws Exception {
        String template = post(gateway, TestTokens.token("privacy-1", "privacy-officer"), "/api/consent-templates", """
                {"code": "tpl-race-%s", "purpose": "ORDER_STATUS", "companyName": "OOO Romashka",
                 "inn": "7701234560", "companyAddress": "Moscow, Testovaya ul. 1", "dataComposition": "phone number",
                 "processingMethods": "calls", "term": "until revoked", "revocation": "reply STOP",
                 "body": "I agree to calls about my orders."}""".formatted(UUID.randomUUID()));
        String templateId = field(template, "id");
        Map<String, String> numbers = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String e164 = String.format("+7916%07d", i);
            work.add(pool.submit(() -> {
                String contact = post(gateway, WEB_FORM, "/api/contacts", """
                        {"name": "Race customer", "phones": [{"number": "%s"}], "source": {"channel": "WEB_FORM"},
                         "team": "team-a", "timeZone": "Europe/Moscow"}""".formatted(e164));
                String contactId = field(contact, "id");
                post(gateway, WEB_FORM, "/api/consents", """
                        {"contactId": "%s", "phone": "%s", "purpose": "ORDER_STATUS", "channel": "VOICE",
                         "legalBasis": "CONTRACT", "captureMethod": "WEB_FORM", "source": "checkout",
                         "templateId": "%s"}""".formatted(contactId, e164, templateId));
                numbers.put(contactId, e164);
                return null;
            }));
        }
        for (Future<?> done : work) {
            done.get();
        }
        pool.shutdown();
        return numbers;
    }

    private String campaign(String gateway, List<String> contactIds) throws Exception {
        StringBuilder allDay = new StringBuilder();
        for (String day : List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")) {
            allDay.append(allDay.isEmpty() ? "" : ", ").append('"').append(day).append("\": [[\"00:00\", \"23:59\"]]");
        }
        send(gateway, SUPERVISOR, "PUT", "/api/rulesets/race-around-the-clock", """
                {"name": "Around the clock (benchmark)", "hours": {%s}, "holidays": [],
                 "holidayHours": [["00:00", "23:59"]], "maxAttemptsPer7Days": 3, "coolOffDays": 30,
                 "minGapMinutes": 60, "otherOperatorLockHours": 24}""".formatted(allDay), 200);
        String campaign = field(post(gateway, SUPERVISOR, "/api/campaigns", """
                {"name": "Opt-out race", "purpose": "ORDER_STATUS", "rulesetId": "race-around-the-clock"}"""), "id");
        String ids = String.join(",", contactIds.stream().map(id -> "\"" + id + "\"").toList());
        String job = field(send(gateway, SUPERVISOR, "POST", "/api/campaigns/" + campaign + "/members",
                "{\"contactIds\": [" + ids + "]}", 202), "id");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (!field(send(gateway, SUPERVISOR, "GET", "/api/campaigns/" + campaign + "/member-jobs/" + job, null,
                200), "status").equals("COMPLETED")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("member job " + job + " did not complete");
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        send(gateway, SUPERVISOR, "POST", "/api/campaigns/" + campaign + "/start", null, 200);
        return campaign;
    }

    /** Milliseconds from each opt-out's 201 to its row in the dialer's stop-list projection. */
    private static long[] propagationMillis(LocalSuite suite, Map<String, OptOut> optOuts) throws Exception {
        Map<String, Instant> answeredByHash = new HashMap<>();
        optOuts.values().forEach(optOut -> answeredByHash.put(suite.blindIndex.of(optOut.e164()),
                optOut.answeredAt()));
        PGSimpleDataSource dialer = new PGSimpleDataSource();
        dialer.setUrl(suite.postgres.jdbcUrl("dialer"));
        dialer.setUser(suite.postgres.username());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<Long> lags = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            lags.clear();
            try (Connection connection = dialer.getConnection();
                 PreparedStatement select = connection.prepareStatement(
                         "SELECT phone_hash, projected_at FROM stop_list_projection");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Instant answered = answeredByHash.get(rows.getString(1));
                    if (answered != null) {
                        lags.add(Math.max(0, Duration.between(answered, rows.getTimestamp(2).toInstant()).toMillis()));
                    }
                }
            }
            if (lags.size() == answeredByHash.size()) {
                break;
            }
            TimeUnit.SECONDS.sleep(1);
        }
        long[] sorted = lags.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    /** The broker's own produce → consume latency: {@code count} messages at the opt-outs' rate. */
    private static long[] brokerLatencyMillis(LocalSuite suite, int count, double seconds) throws Exception {
        String topic = "bench-latency-" + UUID.randomUUID();
        Properties common = new Properties();
        common.put("bootstrap.servers", suite.broker.bootstrapServers());
        try (Admin admin = Admin.create(common)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Properties producerProps = new Properties();
        producerProps.putAll(common);
        producerProps.put("acks", "all");
        producerProps.put("linger.ms", "0");
        Properties consumerProps = new Properties();
        consumerProps.putAll(common);
        consumerProps.put("group.id", topic);
        consumerProps.put("auto.offset.reset", "earliest");
        long intervalNanos = count == 0 ? 0 : (long) (seconds * 1e9 / count);
        long[] latencies = new long[count];
        try (KafkaProducer<Long, Long> producer = new KafkaProducer<>(producerProps, new LongSerializer(),
                new LongSerializer());
             KafkaConsumer<Long, Long> consumer = new KafkaConsumer<>(consumerProps, new LongDeserializer(),
                     new LongDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            Thread sender = new Thread(() -> {
                long next = System.nanoTime();
                for (long i = 0; i < count; i++) {
                    producer.send(new ProducerRecord<>(topic, i, System.nanoTime()));
                    next += intervalNanos;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        try {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
                producer.flush();
            });
            sender.start();
            int received = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos((long) seconds + 60);
            while (received < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<Long, Long> record : consumer.poll(Duration.ofMillis(100))) {
                    latencies[received++] = (System.nanoTime() - record.value()) / 1_000_000;
                }
            }
            sender.join();
            long[] sorted = Arrays.copyOf(latencies, received);
            Arrays.sort(sorted);
            return sorted;
        }
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? -1 : sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private String post(String gateway, String token, String path, String body) throws IOException,
            InterruptedException {
        return send(gateway, token, "POST", path, body, 201);
    }

    private String send(String gateway, String token, String method, String path, String body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + answer.statusCode() + ": "
                    + answer.body());
        }
        return answer.body();
    }

    /** A string field of a flat JSON answer (enough for ids and statuses). */
    private static String field(String json, String name) {
        int key = json.indexOf("\"" + name + "\"");
        int start = json.indexOf('"', json.indexOf(':', key) + 1) + 1;
        return json.substring(start, json.indexOf('"', start));
    }
}
