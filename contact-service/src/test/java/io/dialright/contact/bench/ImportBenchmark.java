package io.dialright.contact.bench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedWriter;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialright.contact.EncryptionKeysResource;
import io.dialright.contact.domain.RowIds;
import io.dialright.localstack.BenchmarkFigures;
import io.dialright.testsupport.JitActivity;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.dialright.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Import throughput (C-6) next to PostgreSQL's own {@code COPY} of the same number of pre-normalised rows into
 * tables shaped like the contact tables, same database, same run. Not part of the suite: run it with
 * {@code ./mvnw -B -pl contact-service verify -Dtest=ImportBenchmark -DexcludedGroups=none} ({@code -Dbench.rows=…}
 * to change the size); the report is printed and written to {@code contact-service/target/benchmarks/import.txt}.
 *
 * <p>The file is messy like an old CRM export: three number formats, 10 % invalid numbers, 5 % numbers repeated from
 * earlier rows. The clock runs from the upload to the job's {@code COMPLETED}.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "contact"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
@QuarkusTestResource(EncryptionKeysResource.class)
class ImportBenchmark {

    private static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
    private static final int WARM_UP_ROWS = Integer.getInteger("bench.warmup.rows", 50_000);
    /** The lookup benchmark's limit, and property, for a row's warm-up. */
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(Integer.getInteger("bench.warmupLimitSeconds",
            120));
    /** The JIT counts as quiet below this share of an import's time (compilation time, elapsed, over wall time). */
    private static final double QUIET_JIT_SHARE = 0.05;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUPERVISOR = TestTokens.token("bench-supervisor", "supervisor", "team-bench");

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/api/")
    URI api;

    @Test
    void importOfMessyRowsAgainstCopy() throws Exception {
        Path file = messyFile(ROWS, 9030000000L);
        double copyRate = copyCeiling(ROWS);
        JitActivity jit = new JitActivity();
        WarmUp warmUp = warmUp(jit);

        // What survives a collection is what the import holds; "used" alone also counts garbage not yet collected.
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null).toList();
        System.gc();
        long heapBefore = liveHeap(heapPools);
        AtomicLong peakHeap = new AtomicLong(heapBefore);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peakHeap.accumulateAndGet(liveHeap(heapPools), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();

        long compiledBefore = jit.compileMillis();
        long start = System.nanoTime();
        String id = importAndWait(file);
        double seconds = (System.nanoTime() - start) / 1e9;
        double jitShare = (jit.compileMillis() - compiledBefore) / (seconds * 1000);
        running.set(false);
        sampler.join();

        JsonPath job = given().auth().oauth2(SUPERVISOR).get("/api/imports/{id}", id).then().extract().jsonPath();
        double rate = ROWS / seconds;
        String report = String.format(Locale.ROOT, """
                rows: %d (%.1f MB; 10%% invalid, 5%% repeated numbers, three formats)
                import end to end (upload -> COMPLETED): %8.0f rows/s  (%.1f s)  ratio to COPY %.2f
                  imported %d, duplicates %d, rejected %d; JIT busy %.1f %% of it
                  %s
                COPY of %d pre-normalised contact + phone rows (ceiling): %8.0f rows/s
                live heap (after collections): %d MB before, %d MB at most during the import (-Xms1g -Xmx1g)
                """, ROWS, Files.size(file) / 1e6, rate, seconds, rate / copyRate, job.getLong("imported"),
                job.getLong("duplicates"), job.getLong("rejected"), jitShare * 100, warmUp.describe(), ROWS, copyRate,
                heapBefore >> 20, peakHeap.get() >> 20);
        System.out.println(report);
        Path out = Path.of("target", "benchmarks", "import.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        new BenchmarkFigures("import")
                .add("copy_rows_per_s", String.format(Locale.ROOT, "COPY of %,d pre-normalised contact + phone rows",
                        ROWS), copyRate, "rows/s")
                .add("import_rows_per_s", String.format(Locale.ROOT, "import end to end, %,d messy rows (upload → "
                        + "COMPLETED)", ROWS), rate, "rows/s", "copy_rows_per_s", ">= 20000")
                .add("live_heap_peak_mb", "live heap (after collections) at most during the import, -Xmx1g",
                        peakHeap.get() >> 20, "MB")
                .write(out.getParent());
        assertThat(job.getLong("processed")).isEqualTo(ROWS);
    }

    /** The warm-up imports before the measured one. */
    private record WarmUp(int imports, double seconds, double lastJitShare, boolean quiet) {

        String describe() {
            return String.format(Locale.ROOT, "after %d warm-up imports of %d rows (%.0f s; JIT busy %.1f %% of the "
                            + "last, %s)", imports, WARM_UP_ROWS, seconds, lastJitShare * 100,
                    quiet ? "quiet" : "still compiling at the limit of " + WARM_UP_LIMIT.toSeconds() + " s");
        }
    }

    /**
     * Imports of {@link #WARM_UP_ROWS} rows, each of numbers not imported before, until the JIT compilers work less
     * than {@link #QUIET_JIT_SHARE} of an import's time twice in a row, or for {@link #WARM_UP_LIMIT}. The lookup
     * benchmark warms up by the same rule and limit, for the same reason: a contact-service that has run for a while
     * has compiled what it runs — the import path, and its Kafka clients' and the database driver's loops. After a
     * single warm-up import the C2 compiler still took 11–12 % of the machine throughout the measured million rows,
     * most of it on Kafka's network and consumer code, the driver and Jackson rather than the import's own; after 15
     * imports (about 50 s) it was still compiling Kafka's code (the clients' and the broker's, which runs in this JVM)
     * a quarter of the time.
     */
    private WarmUp warmUp(JitActivity jit) throws Exception {
        long begin = System.nanoTime();
        int imports = 0;
        int quietInARow = 0;
        double share = Double.NaN;
        while (System.nanoTime() - begin < WARM_UP_LIMIT.toNanos() && quietInARow < 2) {
            Path file = messyFile(WARM_UP_ROWS, 9040000000L + (long) imports * WARM_UP_ROWS);
            long compiled = jit.compileMillis();
            long start = System.nanoTime();
            importAndWait(file);
            share = (jit.compileMillis() - compiled) / ((System.nanoTime() - start) / 1e6);
            quietInARow = share < QUIET_JIT_SHARE ? quietInARow + 1 : 0;
            imports++;
        }
        return new WarmUp(imports, (System.nanoTime() - begin) / 1e9, share, quietInARow == 2);
    }

    /**
     * Uploads the file and returns the job's id once it is {@code COMPLETED}. Sent and polled as a frontend would —
     * the file streamed, the job read every 500 ms — with the JDK's client: RestAssured, under Quarkus's test setup,
     * read the 51 MB file into a string, and pretty-printed each poll's reply (the job with its first 1,000
     * rejections) to log it should a check fail. Their buffers were humongous objects to G1, each starting a
     * concurrent cycle (49 during one measured import): work of the test's client, on the cores being measured.
     */
    private String importAndWait(Path file) throws Exception {
        HttpResponse<byte[]> accepted = HTTP.send(HttpRequest.newBuilder(api.resolve("imports"))
                .header("Authorization", "Bearer " + SUPERVISOR).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(accepted.statusCode()).as(new String(accepted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        String id = JSON.readTree(accepted.body()).path("id").asText();
        HttpRequest poll = HttpRequest.newBuilder(api.resolve("imports/" + id))
                .header("Authorization", "Bearer " + SUPERVISOR).GET().build();
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                "COMPLETED".equals(JSON.readTree(HTTP.send(poll, HttpResponse.BodyHandlers.ofByteArray()).body())
                        .path("status").asText()));
        return id;
    }

    private static long liveHeap(List<MemoryPoolMXBean> pools) {
        return pools.stream().mapToLong(pool -> pool.getCollectionUsage().getUsed()).sum();
    }

    /**
     * Rows i: 10 % invalid (too short), 5 % repeating the number of row i - 7, the rest distinct, numbered from
     * {@code firstNumber} (ten national digits).
     */
    private static Path messyFile(int rows, long firstNumber) throws Exception {
        Path file = Path.of("target", "benchmarks", "import-" + rows + "-" + firstNumber + ".csv");
        Files.createDirectories(file.getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("name;phone;email;tags;source\n");
            for (int i = 0; i < rows; i++) {
                String national = Long.toString(firstNumber + (i % 20 == 7 && i > 7 ? i - 7 : i));
                String phone = switch (i % 3) {
                    case 0 -> "8 (" + national.substring(0, 3) + ") " + national.substring(3, 6) + "-"
                            + national.substring(6, 8) + "-" + national.substring(8);
                    case 1 -> "+7 " + national.substring(0, 3) + " " + national.substring(3, 6) + " "
                            + national.substring(6);
                    default -> national;
                };
                if (i % 10 == 3) {
                    phone = phone.substring(0, phone.length() - 3);
                }
                out.write("Customer " + i + ";" + phone + ";" + (i % 4 == 0 ? "c" + i + "@example.org" : "")
                        + ";" + (i % 5 == 0 ? "vip" : "newsletter") + ";" + (i % 2 == 0 ? "WEB_FORM" : "")
                        + "\n");
            }
        }
        return file;
    }

    /**
     * COPY of as many contact and phone rows as the import writes, into empty copies of the tables (their indexes,
     * no foreign key), with the import's kind of ids; generated and copied 100,000 rows at a time (only the COPY is
     * timed), so the test JVM's heap holds one chunk.
     */
    private double copyCeiling(int rows) throws Exception {
        String ciphertext = "\\\\x" + HexFormat.of().formatHex(new byte[41]);
        long copyNanos = 0;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE bench_contact (LIKE contact INCLUDING ALL)");
            statement.execute("CREATE TABLE bench_phone (LIKE contact_phone INCLUDING ALL)");
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (int from = 0; from < rows; from += 100_000) {
                StringBuilder contacts = new StringBuilder();
                StringBuilder phones = new StringBuilder();
                for (int i = from; i < Math.min(rows, from + 100_000); i++) {
                    String id = RowIds.next().toString();
                    contacts.append(id).append("\tCustomer ").append(i)
                            .append("\t\\N\tACTIVE\t{newsletter}\tteam-bench\t\\N")
                            .append("\tbench\t2026-11-28T00:00:00Z\t2026-11-28T00:00:00Z\n");
                    phones.append(RowIds.next()).append('\t').append(id).append("\t0\t")
                            .append(String.format(Locale.ROOT, "%064x", i)).append('\t').append(ciphertext)
                            .append("\tk1\t+7 (903) ***-**-00\tMOBILE\tRU\t{Europe/Moscow}\t2026-11-28T00:00:00Z\n");
                }
                long start = System.nanoTime();
                copy.copyIn("COPY bench_contact (id, name, email, status, tags, team, time_zone, created_by, "
                        + "created_at, updated_at) FROM STDIN", new StringReader(contacts.toString()));
                copy.copyIn("COPY bench_phone (id, contact_id, position, phone_hash, ciphertext, key_id, masked, "
                        + "type, region, time_zones, created_at) FROM STDIN", new StringReader(phones.toString()));
                copyNanos += System.nanoTime() - start;
            }
            statement.execute("DROP TABLE bench_contact, bench_phone");
        }
        return rows / (copyNanos / 1e9);
    }
}
