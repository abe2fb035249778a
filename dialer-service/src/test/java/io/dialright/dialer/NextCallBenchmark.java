package io.dialright.dialer;

import static io.dialright.dialer.DialerFixtures.SUPERVISOR_A;
import static io.dialright.dialer.DialerFixtures.WEDNESDAY_11_MOSCOW;
import static io.dialright.dialer.DialerFixtures.campaignBody;
import static io.dialright.dialer.DialerFixtures.standAt;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.dialright.dialer.members.MemberNumbers;
import io.dialright.dialer.rest.WebhookSignatures;
import io.dialright.dialer.rules.CalleeZones;
import io.dialright.localstack.BenchmarkFigures;
import io.dialright.platform.crypto.BlindIndex;
import io.dialright.platform.crypto.FieldCipher;
import io.dialright.platform.phone.PhoneNumbers;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.dialright.testsupport.ShiftableClock;
import io.dialright.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Next call (D-3) with a 1,000,000-member campaign and 50 operators asking at once. Not part of the suite: run it with
 * {@code ./mvnw -B -pl dialer-service verify -Dtest=NextCallBenchmark -DexcludedGroups=none}
 * ({@code -Dbench.members=…}, {@code -Dbench.operators=…}, {@code -Dbench.seconds=…}, {@code -Dbench.thinkMillis=…},
 * {@code -Dbench.warmupSeconds=…}).
 * The report is printed and written to {@code dialer-service/target/benchmarks/next-call.txt}.
 *
 * <p>Members are written with {@code COPY} (sealed numbers, three zone sets: Moscow confirmed, Yekaterinburg
 * confirmed — at lunch at the measured hour — and the ambiguous Russian mobile set; 2 % VIP). consent-service is
 * the HTTP stub of the tests ({@link BoundaryStubs}); its answer time is measured separately as the consent share.
 * First a warm-up, unmeasured: {@code warmupSeconds} of floor reads and of hand-outs without pause (each answered
 * {@code NO_ANSWER}, as in the measurement), so that the measured service has compiled its request path as one
 * serving operators all day has, then 15 s at operators' pace. Then the floor and two phases: operators who talk between hand-outs ({@code thinkMillis}, then a signed
 * {@code NO_ANSWER} call event), and saturation (no pause: the throughput ceiling of this machine).
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "dialer"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
@QuarkusTestResource(DialerKeysResource.class)
@QuarkusTestResource(BoundaryStubs.class)
class NextCallBenchmark {

    private static final int MEMBERS = Integer.getInteger("bench.members", 1_000_000);
    private static final int OPERATORS = Integer.getInteger("bench.operators", 50);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 60);
    private static final int THINK_MILLIS = Integer.getInteger("bench.thinkMillis", 5000);
    private static final int SATURATION_SECONDS = Integer.getInteger("bench.saturationSeconds", 30);
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmupSeconds", 30);
    private static final String SECRET = "test-webhook-secret-pbx-1";
    private static final String TELEPHONY = TestTokens.token("pbx-1", "integration");

    @Inject
    DataSource dataSource;

    @Inject
    MemberNumbers numbers;

    @Inject
    BlindIndex blindIndex;

    @Inject
    PhoneNumbers phoneNumbers;

    @Inject
    ShiftableClock clock;

    @Inject
    MeterRegistry meters;

    @TestHTTPResource("/")
    URI base;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** One phase's figures: latencies of GET /next, hand-outs, 204s, and the consent share. */
    private record Phase(String name, long[] nanos, long handOuts, long empty, long errors, double seconds,
                         double consentShare, double consentMeanMillis) {

        double perSecond() {
            return nanos.length / seconds;
        }

        double p99Millis() {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return millis(sorted, 0.99);
        }

        String line() {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "%-26s %8.0f req/s  p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  "
                            + "max %7.2f ms  hand-outs %d, 204 %d, errors %d; consent check %.1f %% of the time "
                            + "(mean %.2f ms)", name, sorted.length / seconds, millis(sorted, 0.50),
                    millis(sorted, 0.95), millis(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
                    handOuts, empty, errors, consentShare * 100, consentMeanMillis);
        }

        private static double millis(long[] sorted, double quantile) {
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, quantile * sorted.length)] / 1e6;
        }
    }

    @Test
    void nextCallWithAMillionMembersAndFiftyOperators() throws Exception {
        standAt(clock, WEDNESDAY_11_MOSCOW);
        UUID campaign = UUID.fromString(given().auth().oauth2(SUPERVISOR_A).contentType(ContentType.JSON)
                .body(campaignBody("TECH_SUPPORT")).post("/api/campaigns").then().statusCode(201).extract().path("id"));
        long seedStart = System.nanoTime();
        seed(campaign);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        given().auth().oauth2(SUPERVISOR_A).post("/api/campaigns/{id}/start", campaign).then().statusCode(200);

        // A dialer serves operators all day: what counts is the service after its code is compiled. At operators'
        // pace (a request per operator every few seconds) the JIT would need half an hour of calls to compile
        // the request path, so the warm-up asks without pause first, then at the pace of the measurement.
        // Each hand-out of the warm-up is answered (NO_ANSWER) as in the measurement, so no lease is left open.
        run(campaign, "warm-up", WARMUP_SECONDS, 0, true, false);
        run(campaign, "warm-up", WARMUP_SECONDS, 0, false, true);
        run(campaign, "warm-up", 15, THINK_MILLIS, false, true);
        Phase floor = run(campaign, "floor: GET /api/rulesets/x", SECONDS / 2, THINK_MILLIS, true, false);
        Phase paced = run(campaign, "next, pause ~" + THINK_MILLIS + " ms", SECONDS, THINK_MILLIS, false, true);
        Phase saturated = run(campaign, "next, no pause", SATURATION_SECONDS, 0, false, false);
        String plan = claimPlan(campaign);

        String report = String.format(Locale.ROOT, """
                Next call: %,d members (seeded in %.1f s), %d operators, %d CPUs
                %s
                %s
                %s
                target: p99 <= 20 ms with 50 operators; the floor is an authenticated in-memory read (a ruleset)
                through the same HTTP stack, same operators, same pauses: what any request costs on this machine
                plan of the head of one zone set (the inner part of the claim statement):
                %s
                """, MEMBERS, seedSeconds, OPERATORS, Runtime.getRuntime().availableProcessors(), floor.line(),
                paced.line(), saturated.line(), plan);
        System.out.println(report);
        Path out = Path.of("target", "benchmarks", "next-call.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        String load = String.format(Locale.ROOT, "%d operators, %,d members", OPERATORS, MEMBERS);
        new BenchmarkFigures("next-call")
                .add("floor_p99_ms", "floor: authenticated in-memory read, " + load + ", p99", floor.p99Millis(),
                        "ms")
                .add("next_call_p99_ms", "next call, " + load + ", ~" + THINK_MILLIS + " ms calls, p99",
                        paced.p99Millis(), "ms", "floor_p99_ms", "<= 20")
                .add("saturation_per_s", "next call without pause (saturation), " + load, saturated.perSecond(),
                        "req/s")
                .write(out.getParent());
        assertThat(paced.handOuts()).isPositive();
        clock.reset();
    }

    /**
     * 50 operators asking for their next call (or, {@code floor}, reading a ruleset) for {@code seconds}; with
     * {@code answered}, each hand-out is reported back as a signed {@code NO_ANSWER} call event after the pause.
     */
    private Phase run(UUID campaign, String name, int seconds, int thinkMillis, boolean floor, boolean answered)
            throws Exception {
        Timer total = meters.timer("dialer.next_call");
        Timer consent = meters.timer("dialer.next_call.consent");
        double totalBefore = total.totalTime(TimeUnit.NANOSECONDS);
        double consentBefore = consent.totalTime(TimeUnit.NANOSECONDS);
        long consentCountBefore = consent.count();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong handOuts = new AtomicLong();
        AtomicLong empty = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService operators = Executors.newFixedThreadPool(OPERATORS);
        long started = System.nanoTime();
        for (int i = 0; i < OPERATORS; i++) {
            String operatorId = "bench-operator-" + i;
            String token = floor ? TestTokens.token(operatorId, "analyst")
                    : TestTokens.token(operatorId, "operator", "team-a");
            URI target = base.resolve(floor ? "/api/rulesets/ru-default" : "/api/campaigns/" + campaign + "/next");
            operators.submit(() -> {
                // Operators finish their calls at different moments: each starts somewhere in one think time.
                if (thinkMillis > 0) {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(thinkMillis));
                }
                while (System.nanoTime() < end) {
                    long asked = System.nanoTime();
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(target)
                            .header("Authorization", "Bearer " + token).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    latencies.add(System.nanoTime() - asked);
                    if (answer.statusCode() == 204) {
                        empty.incrementAndGet();
                        continue;
                    }
                    if (answer.statusCode() != 200) {
                        errors.incrementAndGet();
                        continue;
                    }
                    handOuts.incrementAndGet();
                    if (thinkMillis > 0) {
                        Thread.sleep(ThreadLocalRandom.current().nextInt(thinkMillis / 2, thinkMillis * 3 / 2 + 1));
                    }
                    if (answered) {
                        reportNoAnswer(campaign, answer.body(), operatorId);
                    }
                }
                return null;
            });
        }
        operators.shutdown();
        operators.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - started) / 1e9;
        double totalSpent = total.totalTime(TimeUnit.NANOSECONDS) - totalBefore;
        double consentSpent = consent.totalTime(TimeUnit.NANOSECONDS) - consentBefore;
        long consentCalls = consent.count() - consentCountBefore;
        return new Phase(name, latencies.stream().mapToLong(Long::longValue).toArray(), handOuts.get(), empty.get(),
                errors.get(), elapsed, totalSpent == 0 ? 0 : consentSpent / totalSpent,
                consentCalls == 0 ? 0 : consentSpent / consentCalls / 1e6);
    }

    /** The telephony platform reports the call: unanswered, so the member waits its minimum gap. */
    private void reportNoAnswer(UUID campaign, String handOut, String operatorId) throws Exception {
        String contactId = handOut.replaceAll(".*\"contactId\":\"([^\"]+)\".*", "$1");
        String phone = handOut.replaceAll(".*\"phone\":\"([^\"]+)\".*", "$1");
        byte[] body = ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"CALL_COMPLETED\",\"callId\":\"bench-"
                + UUID.randomUUID() + "\",\"campaignId\":\"" + campaign + "\",\"contactId\":\"" + contactId
                + "\",\"phone\":\"" + phone + "\",\"direction\":\"OUTBOUND\",\"operatorId\":\"" + operatorId
                + "\",\"outcome\":\"NO_ANSWER\",\"occurredAt\":\"" + clock.instant() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        http.send(HttpRequest.newBuilder(base.resolve("/api/call-events"))
                .header("Authorization", "Bearer " + TELEPHONY)
                .header("Content-Type", "application/json")
                .header("X-Signature", WebhookSignatures.signatureOf(SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
    }

    /** Writes the members with COPY, 50,000 rows per statement, and their three zone sets. */
    private void seed(UUID campaign) throws Exception {
        CalleeZones moscow = CalleeZones.of("Europe/Moscow", "RU", List.of());
        CalleeZones yekaterinburg = CalleeZones.of("Asia/Yekaterinburg", "RU", List.of());
        CalleeZones ambiguous = CalleeZones.of(null, "RU", phoneNumbers.parse("+79161234567").timeZones());
        List<CalleeZones> sets = List.of(moscow, yekaterinburg, ambiguous);
        HexFormat hex = HexFormat.of();
        try (Connection connection = dataSource.getConnection()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < MEMBERS; i++) {
                UUID contact = UUID.randomUUID();
                String e164 = "+79" + String.format("%09d", i);
                int bucket = i % 20;
                CalleeZones zones = bucket < 12 ? moscow : bucket < 15 ? yekaterinburg : ambiguous;
                FieldCipher.Sealed sealed = numbers.seal(campaign, contact, e164);
                rows.append(campaign).append('\t').append(contact).append('\t').append(blindIndex.of(e164))
                        .append("\t\\\\x").append(hex.formatHex(sealed.ciphertext())).append('\t')
                        .append(sealed.keyId()).append("\t+7 (9**) ***-**-").append(e164.substring(10))
                        .append("\tRU\t").append(zones.key()).append('\t').append(zones.confirmed() ? 't' : 'f')
                        .append("\t\\N\t\\N\t").append(i % 50 == 0 ? 't' : 'f').append("\tWEB_FORM\tdefault\tREADY\t")
                        .append(Instant.now()).append('\n');
                if ((i + 1) % 50_000 == 0 || i == MEMBERS - 1) {
                    copy.copyIn("COPY campaign_member (campaign_id, contact_id, phone_hash, phone_ciphertext, key_id, "
                            + "masked, region, zone_key, zone_confirmed, preferred_from, preferred_to, vip, "
                            + "source_channel, script_variant, state, added_at) FROM STDIN",
                            new StringReader(rows.toString()));
                    rows.setLength(0);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO campaign_zone_set (campaign_id, zone_key, zones, ambiguous) VALUES (?, ?, ?, ?)")) {
                for (CalleeZones zones : sets) {
                    insert.setObject(1, campaign);
                    insert.setString(2, zones.key());
                    insert.setArray(3, connection.createArrayOf("text",
                            zones.zones().stream().map(Object::toString).toArray()));
                    insert.setBoolean(4, zones.ambiguous());
                    insert.executeUpdate();
                }
            }
            // As a live system's table would be: vacuumed, so autovacuum of the fresh million rows does not run
            // during the measurement.
            connection.setAutoCommit(true);
            try (var vacuum = connection.createStatement()) {
                vacuum.execute("VACUUM ANALYZE campaign_member");
            }
        }
    }

    private String claimPlan(UUID campaign) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement explain = connection.prepareStatement("""
                     EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
                     SELECT m.contact_id FROM campaign_member m
                     WHERE m.campaign_id = ? AND m.zone_key = 'Europe/Moscow' AND m.state = 'READY'
                       AND NOT EXISTS (SELECT 1 FROM stop_list_projection s WHERE s.phone_hash = m.phone_hash)
                     ORDER BY m.vip DESC, m.last_attempt_at ASC NULLS FIRST, m.contact_id
                     LIMIT 1 FOR UPDATE OF m SKIP LOCKED""")) {
            explain.setObject(1, campaign);
            List<String> lines = new ArrayList<>();
            try (ResultSet plan = explain.executeQuery()) {
                while (plan.next()) {
                    lines.add("  " + plan.getString(1));
                }
            }
            return String.join("\n", lines);
        }
    }
}
