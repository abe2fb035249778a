package io.dialright.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialright.localstack.BenchmarkFigures;
import io.dialright.localstack.FreePorts;
import io.dialright.platform.crypto.BlindIndex;
import io.dialright.testsupport.JitActivity;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.dialright.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The consent issue's targets: a single decision through the gateway (p99 ≤ 5 ms), batch decisions (≥ 50,000
 * numbers/s) and a registry import of 1,000,000 numbers (≤ 15 s, next to a plain {@code COPY} of the same rows).
 * Run alone, on a quiet machine, with the gateway packaged ({@code ./mvnw -pl gateway package -DskipTests}):
 * {@code ./mvnw -B -pl consent-service verify -Dtest=ConsentBenchmark -DexcludedGroups=none}. The figures are
 * printed and written to {@code consent-service/target/benchmarks/consent.txt}.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
class ConsentBenchmark {

    private static final int REGISTRY = Integer.getInteger("bench.registry", 1_000_000);
    private static final int SINGLE = Integer.getInteger("bench.single", 5_000);
    /**
     * Unmeasured requests before each latency series: enough for the JIT to compile the request path (a thousand
     * left it compiling during the measurement, and its compiler threads then competed for the two cores).
     */
    private static final int WARMUP = Integer.getInteger("bench.warmupRequests", 10_000);
    private static final int BATCHES = Integer.getInteger("bench.batches", 20);
    /** Unmeasured batches at least (the two batches of the measured set sent again and again). */
    private static final int WARMUP_BATCHES = Integer.getInteger("bench.warmupBatches", 4);
    /**
     * After the minimum warm-up, rounds go on until the JIT compilers of this JVM and the gateway worked less than
     * this share of a round's time, or for {@link #WARMUP_LIMIT} at most.
     */
    private static final double QUIET_JIT_SHARE = 0.05;
    private static final Duration WARMUP_LIMIT = Duration.ofSeconds(Long.getLong("bench.warmupLimitSeconds", 60));
    private static final int BATCH = 10_000;
    private static final int CONSENTS = 100_000;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource dataSource;

    @Inject
    BlindIndex blindIndex;

    @TestHTTPResource("/")
    URL serviceUrl;

    private int servicePort;
    private int gatewayPort;

    private final StringBuilder report = new StringBuilder();
    private final StringBuilder windows = new StringBuilder();
    private final StringBuilder warmUps = new StringBuilder();
    private JitActivity jit;
    private final BenchmarkFigures figures = new BenchmarkFigures("consent");

    @Test
    void decisionsAndRegistryImport() throws Exception {
        String token = TestTokens.token("operator-1", "operator", "team-a");
        servicePort = serviceUrl.getPort();
        timed("registry import", this::registryImport);
        timed("consents seeded", this::seedConsents);
        Process gateway = startGateway();
        jit = new JitActivity(gateway.pid());
        try {
            String service = "http://127.0.0.1:" + servicePort;
            String viaGateway = "http://127.0.0.1:" + gatewayPort;
            timed("floor", () -> floor(service, token));
            timed("single direct", () -> singleDecisions("direct to consent-service", service, token));
            timed("single through the gateway", () -> singleDecisions("through the gateway", viaGateway, token));
            timed("batches direct", () -> batchDecisions("direct to consent-service", service, token));
            timed("batches through the gateway", () -> batchDecisions("through the gateway", viaGateway, token));
        } finally {
            gateway.destroy();
        }
        housekeeping();
        System.out.println(report);
        Path out = Path.of("target", "benchmarks", "consent.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        figures.write(out.getParent());
    }

    private interface Series {
        void run() throws Exception;
    }

    /**
     * {@code minimum} unmeasured steps, then rounds of {@code round} steps until the JIT is quiet (see
     * {@link #QUIET_JIT_SHARE}); the report says how long it took and how busy the JIT was in the last round.
     */
    private void warmUp(String what, int minimum, int round, Series step) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < minimum; i++) {
            step.run();
        }
        double share = Double.NaN;
        int steps = minimum;
        while (System.nanoTime() - start < WARMUP_LIMIT.toNanos()) {
            long compiled = jit.compileMillis();
            long roundStart = System.nanoTime();
            for (int i = 0; i < round; i++) {
                step.run();
            }
            double roundMillis = (System.nanoTime() - roundStart) / 1e6; // before jstat's own start-up
            steps += round;
            share = (jit.compileMillis() - compiled) / roundMillis;
            if (share <= QUIET_JIT_SHARE) {
                break;
            }
        }
        warmUps.append(String.format(Locale.ROOT, "  %s: %,d requests in %.1f s, JIT busy %.0f %% of the last "
                + "round%s%n", what, steps, seconds(start), share * 100,
                share <= QUIET_JIT_SHARE ? "" : " (limit reached: still compiling)"));
    }

    /** Runs a series and notes when it ran (warm-up included), to set PostgreSQL's housekeeping against it. */
    private void timed(String name, Series series) throws Exception {
        Instant start = Instant.now();
        series.run();
        windows.append(String.format(Locale.ROOT, "  %s: %s .. %s%n", name, start, Instant.now()));
    }

    /**
     * When each series ran and when PostgreSQL vacuumed or analysed the tables decisions read: an autovacuum of a
     * freshly seeded table inside a latency series is load the decision itself did not cause.
     */
    private void housekeeping() throws Exception {
        line("warm-up before each series (until the JIT compilers of this JVM and the gateway are quiet):");
        report.append(warmUps);
        line("series (warm-up included), UTC:");
        report.append(windows);
        line("PostgreSQL housekeeping of the tables decisions read (last run of each, UTC):");
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("""
                     SELECT relname, autovacuum_count, last_autovacuum, autoanalyze_count, last_autoanalyze
                     FROM pg_stat_user_tables
                     WHERE relname IN ('consent', 'stop_list_entry', 'erasure_tombstone', 'registry_current')
                        OR relname LIKE 'registry_entry%'
                     ORDER BY relname""")) {
            while (row.next()) {
                line("  %s: autovacuum %d (last %s), autoanalyze %d (last %s)", row.getString(1), row.getLong(2),
                        row.getTimestamp(3) == null ? "-" : row.getTimestamp(3).toInstant(), row.getLong(4),
                        row.getTimestamp(5) == null ? "-" : row.getTimestamp(5).toInstant());
            }
        }
    }

    /** Uploads 1,000,000 numbers in mixed formats and times POST → COMPLETED; then COPY of the same hashes. */
    private void registryImport() throws Exception {
        StringBuilder file = new StringBuilder(REGISTRY * 18);
        List<String> e164 = new ArrayList<>(REGISTRY);
        for (int i = 0; i < REGISTRY; i++) {
            String national = registered(i);
            e164.add("+7" + national);
            switch (i % 3) {
                case 0 -> file.append("+7").append(national);
                case 1 -> file.append('8').append(national);
                default -> file.append("+7 ").append(national, 0, 3).append(' ').append(national, 3, 6)
                        .append('-').append(national, 6, 8).append('-').append(national, 8, 10);
            }
            file.append('\n');
        }
        byte[] body = file.toString().getBytes(StandardCharsets.UTF_8);
        String token = TestTokens.token("privacy-1", "privacy-officer");
        long start = System.nanoTime();
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + servicePort + "/api/registry/imports?fileName=bench.txt"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        double uploaded = seconds(start);
        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = JSON.readTree(accepted.body()).path("id").asText();
        JsonNode[] status = new JsonNode[1];
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
            status[0] = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + servicePort + "/api/registry/imports/" + id)).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            return !"RUNNING".equals(status[0].path("status").asText());
        });
        double imported = seconds(start);
        assertThat(status[0].path("status").asText()).isEqualTo("COMPLETED");
        assertThat(status[0].path("imported").asLong()).isEqualTo(REGISTRY);

        String[] hashes = e164.stream().map(blindIndex::of).toArray(String[]::new);
        double[] copy = copyBaseline(hashes);
        line("registry import of %,d numbers (%.1f MB, 3 formats): upload %.1f s, POST -> COMPLETED %.1f s "
                + "(target <= 15 s), %,.0f numbers/s", REGISTRY, body.length / 1e6, uploaded, imported,
                REGISTRY / imported);
        line("  baseline: PostgreSQL COPY of the same %,d precomputed hashes %.1f s, + index %.1f s "
                + "(parsing and hashing in Java are the rest)", REGISTRY, copy[0], copy[1]);
        figures.add("registry_copy_s", String.format(Locale.ROOT, "COPY of the same %,d precomputed blind indexes "
                        + "+ their index", REGISTRY), copy[0] + copy[1], "s")
                .add("registry_import_s", String.format(Locale.ROOT, "registry import of %,d numbers, POST → in "
                        + "force", REGISTRY), imported, "s", "registry_copy_s", "<= 15");
    }

    /** COPY of ready hashes into a fresh table, then its index: what the import costs without parsing. */
    private double[] copyBaseline(String[] hashes) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("DROP TABLE IF EXISTS bench_copy");
            sql.execute("CREATE TABLE bench_copy (version integer NOT NULL DEFAULT 0, phone_hash char(64) NOT NULL)");
            long start = System.nanoTime();
            CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY bench_copy (phone_hash) FROM STDIN");
            StringBuilder rows = new StringBuilder(1 << 20);
            for (String hash : hashes) {
                rows.append(hash).append('\n');
                if (rows.length() > 1 << 20) {
                    byte[] chunk = rows.toString().getBytes(StandardCharsets.US_ASCII);
                    in.writeToCopy(chunk, 0, chunk.length);
                    rows.setLength(0);
                }
            }
            byte[] chunk = rows.toString().getBytes(StandardCharsets.US_ASCII);
            in.writeToCopy(chunk, 0, chunk.length);
            in.endCopy();
            double copied = seconds(start);
            start = System.nanoTime();
            sql.execute("CREATE INDEX ON bench_copy (phone_hash)");
            double indexed = seconds(start);
            sql.execute("DROP TABLE bench_copy");
            return new double[] {copied, indexed};
        }
    }

    /** 100,000 numbers with an active marketing consent on VOICE, 5,000 of them also on the stop list. */
    private void seedConsents() throws Exception {
        String[] hashes = new String[CONSENTS];
        for (int i = 0; i < CONSENTS; i++) {
            hashes[i] = blindIndex.of(seeded(i));
        }
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO consent (id, contact_id, phone_hash, masked, purpose, channel, legal_basis,
                                         capture_method, source, captured_at, status, status_changed_at, created_by,
                                         created_at)
                    SELECT gen_random_uuid(), gen_random_uuid(), h, '+7 (915) ***-**-00', 'MARKETING', 'VOICE',
                           'CONSENT', 'IMPORT', 'benchmark', now(), 'ACTIVE', now(), 'bench', now()
                    FROM unnest(?::text[]) AS h""")) {
                insert.setArray(1, connection.createArrayOf("text", hashes));
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO stop_list_entry (id, phone_hash, masked, channel, source, recorded_by, recorded_at)
                    SELECT gen_random_uuid(), h, '+7 (915) ***-**-00', 'OPERATOR', 'benchmark', 'bench', now()
                    FROM unnest(?::text[]) AS h""")) {
                insert.setArray(1, connection.createArrayOf("text", Arrays.copyOf(hashes, CONSENTS / 20)));
                insert.executeUpdate();
            }
            // Rows that arrive one by one over months are vacuumed as they go; 100,000 inserted at once would
            // bring autovacuum into the middle of a latency series. The inserts' counters are flushed to the
            // statistics first: flushed after the vacuum, they would call autovacuum back.
            connection.setAutoCommit(true);
            try (Statement sql = connection.createStatement()) {
                sql.execute("SELECT pg_stat_force_next_flush()");
                sql.execute("VACUUM (ANALYZE) consent");
                sql.execute("VACUUM (ANALYZE) stop_list_entry");
            }
        }
    }

    private Process startGateway() throws IOException {
        Path jar = Path.of("..", "gateway", "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().normalize();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: ./mvnw -pl gateway package -DskipTests first");
        }
        gatewayPort = FreePorts.next();
        Path log = Path.of("target", "benchmarks", "gateway.log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m"));
        // Extra JVM options of the gateway, for experiments (a JFR recording, another number of event loops).
        String options = System.getProperty("bench.gateway.options", "").strip();
        if (!options.isEmpty()) {
            command.addAll(List.of(options.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of(
                "QUARKUS_HTTP_PORT", Integer.toString(gatewayPort),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", TestTokens.keys().publicKeyFile().toUri().toString(),
                "MP_JWT_VERIFY_ISSUER", TestTokens.ISSUER,
                "DIALRIGHT_GATEWAY_SERVICES_CONSENT", "http://127.0.0.1:" + servicePort,
                // The gateway is not ready until it has read the revocation topic of this broker.
                "KAFKA_BOOTSTRAP_SERVERS", KafkaResource.broker().bootstrapServers()));
        // One operator asks thousands of times a second; the limits themselves are proven by the gateway's tests.
        for (String limit : List.of("PER_SUBJECT_RATE", "PER_SUBJECT_BURST", "PER_CLIENT_RATE", "PER_CLIENT_BURST")) {
            builder.environment().put("DIALRIGHT_GATEWAY_RATE_LIMITS_" + limit, "1000000");
        }
        Process process = builder.start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                assertThat(process.isAlive()).as("gateway running, see " + log).isTrue();
                try {
                    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort
                            + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (RuntimeException | Error e) {
            // The caller never gets the process to stop: a gateway that never became ready outlived the test.
            process.destroyForcibly();
            throw e;
        }
        return process;
    }

    /** Sequential GET /api/decisions (one client, keep-alive), after a warm-up; latency percentiles. */
    private void singleDecisions(String how, String base, String token) throws Exception {
        int[] next = {0};
        // Numbers 50,000–99,999 of the seeded ones: the measured series asks for i * 7 + 3 < 35,000.
        warmUp(how, WARMUP, 1_000, () -> decide(base, token, 50_000 + next[0]++ % 50_000));
        long[] nanos = new long[SINGLE];
        for (int i = 0; i < SINGLE; i++) {
            long start = System.nanoTime();
            decide(base, token, i * 7 + 3);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        line("single decision %s, %,d sequential requests: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.1f ms "
                + "(target p99 <= 5 ms)", how, SINGLE, ms(nanos, 0.50), ms(nanos, 0.95), ms(nanos, 0.99),
                nanos[SINGLE - 1] / 1e6);
        figures.add("single_" + key(how) + "_p99_ms", String.format(Locale.ROOT, "single decision %s, p99 of %,d "
                + "sequential", how, SINGLE), ms(nanos, 0.99), "ms", "floor_p99_ms", "<= 5");
    }

    /** The same client, token check and JSON answer without a decision: what HTTP and JWT cost by themselves. */
    private void floor(String base, String token) throws Exception {
        URI uri = URI.create(base + "/api/decisions/rules");
        warmUp("floor", WARMUP, 1_000, () -> assertThat(blockingGet(uri, token)).isEqualTo(200));
        long[] nanos = new long[SINGLE];
        for (int i = 0; i < SINGLE; i++) {
            long start = System.nanoTime();
            int status = blockingGet(uri, token);
            nanos[i] = System.nanoTime() - start;
            assertThat(status).isEqualTo(200);
        }
        Arrays.sort(nanos);
        line("floor: GET /api/decisions/rules direct (HTTP client, JWT check, JSON; no database): p50 %.2f ms, "
                + "p99 %.2f ms", ms(nanos, 0.50), ms(nanos, 0.99));
        figures.add("floor_p99_ms", "floor: GET /api/decisions/rules direct (HTTP, JWT, JSON; no database), p99",
                ms(nanos, 0.99), "ms");
    }

    private void decide(String base, String token, int i) throws Exception {
        assertThat(blockingGet(URI.create(base + "/api/decisions?purpose=MARKETING&channel=VOICE&phone=%2B"
                + seeded(i % CONSENTS).substring(1)), token)).isEqualTo(200);
    }

    /**
     * A GET on the calling thread over a kept-alive connection; the status, the body read and discarded. The
     * sequential series measure the service, not the client: the JDK {@code HttpClient} passes every answer from
     * its selector thread to its executor and then to the caller, and on two cores shared with the service, the
     * gateway and the broker those hand-offs were about a millisecond of every p99 (the floor's p99 fell from
     * 2.7–3.5 ms with it to 1.8 ms without it).
     */
    private static int blockingGet(URI uri, String token) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(30_000);
        connection.setRequestProperty("Authorization", "Bearer " + token);
        int status = connection.getResponseCode();
        try (InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            if (body != null) {
                body.readAllBytes();
            }
        }
        return status;
    }

    /** Batches of 10,000 numbers (half with a consent, some on the stop list, some in the registry). */
    private void batchDecisions(String how, String base, String token) throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        for (int b = 0; b < BATCHES + 2; b++) {
            List<String> phones = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                int n = b * BATCH + i;
                phones.add(i % 2 == 0 ? seeded(n % CONSENTS) : "+7" + registered(n));
            }
            bodies.add(JSON.writeValueAsBytes(Map.of("purpose", "MARKETING", "channel", "VOICE", "phones", phones)));
        }
        int[] next = {0};
        warmUp("batches " + how, WARMUP_BATCHES, 2, () -> batch(base, token, bodies.get(next[0]++ % 2)));
        long start = System.nanoTime();
        long slowest = 0;
        for (int b = 2; b < bodies.size(); b++) {
            long one = System.nanoTime();
            batch(base, token, bodies.get(b));
            slowest = Math.max(slowest, System.nanoTime() - one);
        }
        double seconds = seconds(start);
        line("batch decisions %s: %d batches of %,d in %.2f s = %,.0f numbers/s, slowest batch %.0f ms "
                + "(target >= 50,000 numbers/s)", how, BATCHES, BATCH, seconds, BATCHES * BATCH / seconds,
                slowest / 1e6);
        // Through the gateway is measured against the same batches sent directly (run just before).
        boolean direct = key(how).equals("direct");
        figures.add("batch_" + key(how) + "_numbers_per_s", String.format(Locale.ROOT, "batch decisions %s, %d "
                        + "batches of %,d", how, BATCHES, BATCH), BATCHES * BATCH / seconds, "numbers/s",
                direct ? null : "batch_direct_numbers_per_s", ">= 50000");
    }

    private static void batch(String base, String token, byte[] body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/decisions/batch"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** The national part of the registry's i-th number (prefixes 950–989, all valid mobile ranges). */
    private static String registered(int i) {
        return (950 + i % 40) + String.format("%07d", i);
    }

    private static String seeded(int i) {
        return "+7915" + String.format("%07d", i);
    }

    /** "direct to consent-service" → direct, "through the gateway" → gateway: the path in a figure's key. */
    private static String key(String how) {
        return how.contains("gateway") ? "gateway" : "direct";
    }

    private void line(String format, Object... args) {
        report.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
