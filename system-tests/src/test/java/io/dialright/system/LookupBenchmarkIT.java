package io.dialright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.dialright.localstack.BenchmarkFigures;
import io.dialright.system.LookupLoad.LoadRun;
import io.dialright.system.LookupLoad.Worker;
import io.dialright.testsupport.JitActivity;
import io.dialright.testsupport.TestTokens;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Caller-ID lookup through the gateway (issue 3): 100,000 contacts imported through the gateway, then concurrent
 * {@code GET /api/lookup} with a valid integration token, through the gateway and against contact-service directly,
 * next to {@code pgbench -S} (PostgreSQL's own primary-key lookups) on the same PostgreSQL in the same run.
 *
 * <p>The services run as ./dialright up runs them (its heaps, full JIT). Target: at least 2,000 lookups/s with
 * p99 at most 10 ms on the 2-core development machine. The test fails only if the benchmark itself goes wrong (import
 * incomplete, a loaded number not found); the verdict against the target is in the report,
 * {@code system-tests/target/benchmarks/lookup.txt}.
 *
 * <pre>
 * ./mvnw -B install -DskipTests
 * ./mvnw -B -pl system-tests verify -Dit.test=LookupBenchmarkIT -DexcludedGroups=none
 * </pre>
 * Each of {@code bench.rounds} (3) rounds runs, on the same processes, the gateway and then contact-service directly
 * with each number of closed-loop client threads in {@code bench.threads} (8,16; empty: none) — the most the machine
 * does — and then at each steady offered rate in {@code bench.paced} (2000 lookups/s, shared by
 * {@code bench.paced.threads} (32) clients, each lookup timed from when it was due) — what callers see at the target's
 * rate: at least {@code bench.warmup} s (10) of load, then more until the JIT compilers are quiet (at most
 * {@code bench.warmupLimitSeconds}, 120), then {@code bench.measure} s (30) measured. Round 1 starts right after the
 * import, with the services' JIT still cold; later rounds show the warmed-up services. Other properties: {@code bench.contacts} (100000),
 * {@code bench.postgres.sharedBuffers} (2GB; empty for the embedded server's default 128 MB),
 * {@code bench.pgbench.seconds} (30), {@code bench.pgbench} (/usr/bin/pgbench), {@code bench.jfr=true} (JFR
 * profiles of contact-service and the gateway over the last round's gateway run with the most clients, or its first
 * paced gateway run without closed-loop rows, in target/benchmarks; the figures of such a run carry JFR's overhead), {@code bench.contact.options} and
 * {@code bench.services.options} (extra JVM options of contact-service, of every service; whitespace-separated, for
 * experiments).
 */
@Tag("benchmark")
class LookupBenchmarkIT {

    private static final int CONTACTS = Integer.getInteger("bench.contacts", 100_000);
    /** Closed-loop rows' client threads; none with {@code -Dbench.threads=} (paced rows only, more rounds per hour). */
    private static final List<Integer> THREADS = Arrays.stream(System.getProperty("bench.threads", "8,16")
            .split(",")).map(String::strip).filter(threads -> !threads.isEmpty()).map(Integer::valueOf).toList();
    /** pgbench's clients: the closed-loop rows' numbers, or 8 and 16 without closed-loop rows. */
    private static final List<Integer> PGBENCH_CLIENTS = THREADS.isEmpty() ? List.of(8, 16) : THREADS;
    /** Offered rates of the paced rows, lookups/s; none with {@code -Dbench.paced=}. */
    private static final List<Integer> PACED = Arrays.stream(System.getProperty("bench.paced", "2000").split(","))
            .map(String::strip).filter(rate -> !rate.isEmpty()).map(Integer::valueOf).toList();
    /** Client threads sharing a paced rate: enough that a slow answer does not hold the next request back. */
    private static final int PACED_THREADS = Integer.getInteger("bench.paced.threads", 32);
    private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("bench.warmup", 10));
    private static final Duration WARMUP_LIMIT = Duration.ofSeconds(Long.getLong("bench.warmupLimitSeconds", 120));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.measure", 30));
    private static final int PGBENCH_SECONDS = Integer.getInteger("bench.pgbench.seconds", 30);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final boolean JFR = Boolean.getBoolean("bench.jfr");
    /** Extra JVM options of contact-service, for experiments (whitespace-separated). */
    private static final List<String> CONTACT_OPTIONS = options("bench.contact.options");
    /** Extra JVM options of every service, for experiments (whitespace-separated). */
    private static final List<String> SERVICES_OPTIONS = options("bench.services.options");
    private static final Path PGBENCH = Path.of(System.getProperty("bench.pgbench", "/usr/bin/pgbench"));
    /**
     * PostgreSQL's shared buffers, as a server with this machine's memory would be configured (the embedded server's
     * default, 128 MB, is initdb's placeholder): every lookup adds an audit row to the contact database's outbox and to
     * the audit database's trail, and after a few hundred thousand lookups these tables no longer fit in 128 MB —
     * with it, PostgreSQL's CPU per lookup grew by a third within one run. Empty: the default.
     */
    private static final String SHARED_BUFFERS = System.getProperty("bench.postgres.sharedBuffers", "2GB");
    private static final String POSTGRES_SETTINGS = "localstack.postgres.settings";

    static final double TARGET_PER_SECOND = 2_000;
    static final double TARGET_P99_MS = 10;

    private static final Path OUT = Path.of("target", "benchmarks");

    private JitActivity jit;
    private JitQuietWarmUp warmUp;
    private RunQueueWait runQueues;
    private final List<String> warmUps = new ArrayList<>();

    @Test
    void lookupThroughTheGateway() throws Exception {
        Files.createDirectories(OUT);
        StringBuilder report = new StringBuilder();
        report.append("Caller-ID lookup benchmark (contact-service through the gateway), ").append(Instant.now())
                .append('\n').append(BenchmarkEnvironment.machine(WARMUP, MEASURE)).append(BenchmarkEnvironment.code()).append('\n');

        String givenSettings = System.getProperty(POSTGRES_SETTINGS);
        if (!SHARED_BUFFERS.isEmpty() && (givenSettings == null || !givenSettings.contains("shared_buffers"))) {
            System.setProperty(POSTGRES_SETTINGS, (givenSettings == null || givenSettings.isBlank() ? ""
                    : givenSettings + ";") + "shared_buffers=" + SHARED_BUFFERS);
        }
        try (LocalSuite suite = new LocalSuite(LookupBenchmarkIT::javaOptions)) {
            restore(POSTGRES_SETTINGS, givenSettings); // read at the server's start; later suites get their own
            report.append("PostgreSQL shared_buffers: ").append(setting(suite, "shared_buffers"))
                    .append(" (bench.postgres.sharedBuffers)\n\n");
            List<String> numbers = BenchContacts.numbers(CONTACTS);
            report.append(importContacts(suite, numbers)).append('\n');
            smokeTest(suite.gateway.baseUrl(), numbers);
            boolean statements = resetStatementStatistics(suite);

            SuiteCpu processes = new SuiteCpu(suite);
            jit = new JitActivity(suite.contact.pid(), suite.gateway.pid());
            runQueues = new RunQueueWait(List.of(
                    new RunQueueWait.Group("gateway event loops", suite.gateway.pid(), "vert.x-eventloo"),
                    new RunQueueWait.Group("contact-service event loops", suite.contact.pid(), "vert.x-eventloo"),
                    new RunQueueWait.Group("contact-service workers", suite.contact.pid(), "executor-thread")));
            warmUp = new JitQuietWarmUp(WARMUP, WARMUP_LIMIT, jit);
            List<LoadRun> runs = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                for (String path : List.of("gateway", "direct")) {
                    String baseUrl = path.equals("gateway") ? suite.gateway.baseUrl() : suite.contact.baseUrl();
                    for (int threads : THREADS) {
                        // The profile, if asked for, is of the most warmed-up gateway run with the most clients.
                        boolean profile = JFR && round == ROUNDS && path.equals("gateway")
                                && threads == THREADS.get(THREADS.size() - 1);
                        LoadRun run = load(round, path, baseUrl, threads, 0, numbers, processes, suite, profile);
                        runs.add(run);
                        System.out.println(run.row());
                    }
                    for (int rate : PACED) {
                        // Without closed-loop rows, the profile is of the last round's first paced gateway row.
                        boolean profile = JFR && THREADS.isEmpty() && round == ROUNDS && path.equals("gateway")
                                && rate == PACED.get(0);
                        LoadRun run = load(round, path, baseUrl, PACED_THREADS, rate, numbers, processes, suite,
                                profile);
                        runs.add(run);
                        System.out.println(run.row());
                    }
                }
            }
            report.append(String.format(Locale.ROOT, "Lookups (GET /api/lookup?number=+7 9xx xxx xx xx, a random "
                    + "loaded number each, integration token), rows in the order run: round 1 starts right after the "
                    + "import, rounds 2-%d repeat the matrix on the same processes; every row has its own warm-up "
                    + "(at least %d s, then until the JIT compilers are quiet: table below), then %d s measured.%n%n",
                    ROUNDS, WARMUP.toSeconds(), MEASURE.toSeconds()));
            report.append(LoadRun.header());
            runs.forEach(run -> report.append(run.row()).append('\n'));
            report.append('\n').append(warmUp.describe()).append("\n\n| round | path | clients | warm-up s | "
                    + "JIT busy, last warm-up slice | JIT busy, measured |\n|---:|---|---:|---:|---:|---:|\n");
            warmUps.forEach(line -> report.append(line).append('\n'));
            report.append('\n').append(LoadRun.stalls(runs));
            report.append('\n').append(LoadRun.cpuTable(runs)).append('\n');
            report.append(LoadRun.waitTable(runs)).append('\n');
            report.append(databaseWork(runs)).append('\n');
            if (statements) {
                report.append(statementStatistics(suite, runs)).append('\n');
            }

            List<Pgbench.Run> pgbench = Pgbench.measure(suite, processes, PGBENCH_CLIENTS, PGBENCH_SECONDS, PGBENCH);
            report.append(Pgbench.table(pgbench, PGBENCH_SECONDS)).append('\n');
            report.append(verdict(runs, pgbench));

            long misses = runs.stream().mapToLong(run -> run.misses).sum();
            String text = report.toString();
            System.out.println(text);
            Files.writeString(OUT.resolve("lookup.txt"), text, StandardCharsets.UTF_8);
            figures(runs, pgbench).write(OUT);
            assertEquals(0, misses, "every loaded number must be found");
        }
    }

    /**
     * The services' JVM options: those of ./dialright up; with {@code bench.jfr}, contact-service and the gateway
     * record from their start (a trial that started JFR with jcmd in the middle of the load set contact-service's
     * throughput back for minutes: it retransforms JDK classes, and the JIT compiles again). Every service logs its
     * collections and safepoints (each pause of all its threads) to target/benchmarks, to set beside the stalls.
     */
    private static List<String> javaOptions(String module) {
        List<String> options = new ArrayList<>(ServiceProcess.dialrightUpJavaOptions(module));
        options.add("-Xlog:gc,safepoint:file=" + OUT.resolve(module + "-gc.log").toAbsolutePath()
                + ":utctime,uptime,tags");
        options.addAll(SERVICES_OPTIONS);
        if (JFR && (module.equals("contact-service") || module.equals("gateway"))) {
            options.add("-XX:StartFlightRecording=name=lookup,settings=profile,maxage=15m");
        }
        if (module.equals("contact-service")) {
            options.addAll(CONTACT_OPTIONS);
        }
        return options;
    }

    private static List<String> options(String property) {
        return Arrays.stream(System.getProperty(property, "").split("\\s+")).filter(option -> !option.isBlank())
                .toList();
    }

    // ---- data ----------------------------------------------------------------------------------------------------

    private String importContacts(LocalSuite suite, List<String> numbers) throws Exception {
        BenchContacts.Imported imported = BenchContacts.importThroughGateway(suite.gateway.baseUrl(),
                supervisorToken(), "Bench Contact", numbers);
        JsonPath job = imported.job();
        String line = String.format(Locale.ROOT, "Import: %,d contacts (CSV %.1f MB) through the gateway, POST to "
                        + "COMPLETED in %.1f s = %,.0f contacts/s (job started %s, finished %s); imported %,d, "
                        + "duplicates %,d, rejected %,d%n", numbers.size(), imported.csvBytes() / 1e6,
                imported.seconds(), numbers.size() / imported.seconds(), job.getString("startedAt"),
                job.getString("finishedAt"), job.getLong("imported"), job.getLong("duplicates"),
                job.getLong("rejected"));
        System.out.print(line);
        return line;
    }

    private static String supervisorToken() {
        return TestTokens.token("supervisor-bench", "supervisor", "team-bench");
    }

    private static String integrationToken() {
        return TestTokens.token("pbx-bench", "integration", null);
    }

    /** A few lookups that must find their contact with the full number, before anything is timed. */
    private static void smokeTest(String baseUrl, List<String> numbers) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String token = integrationToken();
        for (int i = 0; i < 20; i++) {
            String number = numbers.get(ThreadLocalRandom.current().nextInt(numbers.size()));
            HttpResponse<String> response = http.send(lookupRequest(baseUrl, number, token),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(JsonPath.from(response.body()).getBoolean("found"), response.body());
        }
    }

    private static HttpRequest lookupRequest(String baseUrl, String e164, String token) {
        String query = URLEncoder.encode(BenchContacts.spaced(e164), StandardCharsets.UTF_8).replace("+", "%20");
        return HttpRequest.newBuilder(URI.create(baseUrl + "/api/lookup?number=" + query))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build();
    }

    private static URL lookupUrl(String baseUrl, String e164) {
        String query = URLEncoder.encode(BenchContacts.spaced(e164), StandardCharsets.UTF_8).replace("+", "%20");
        try {
            return URI.create(baseUrl + "/api/lookup?number=" + query).toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- load ----------------------------------------------------------------------------------------------------

    /**
     * One row: {@code threadCount} clients in a closed loop ({@code offeredPerSecond} 0: each sends its next lookup
     * when the last is answered, so the row shows what the machine can do at most), or sharing a steady offered rate
     * (each client sends on its own schedule, and a lookup's time counts from when it was due, so an answer that
     * comes late also delays the lookups queued behind it: what callers would see at that rate).
     */
    private LoadRun load(int round, String path, String baseUrl, int threadCount, int offeredPerSecond,
                         List<String> numbers, SuiteCpu processes, LocalSuite suite, boolean profile)
            throws Exception {
        String token = integrationToken();
        URL[] requests = numbers.stream().map(number -> lookupUrl(baseUrl, number)).toArray(URL[]::new);
        long begin = System.nanoTime();
        long interval = offeredPerSecond == 0 ? 0 : Math.round(threadCount * 1e9 / offeredPerSecond);
        LookupLoad.Window window = new LookupLoad.Window();
        Worker[] workers = new Worker[threadCount];
        for (int i = 0; i < threadCount; i++) {
            workers[i] = new Worker(requests, token, window, interval, begin + interval * i / threadCount);
            workers[i].thread.start();
        }
        JitQuietWarmUp.Result warmedUp = warmUp.await(begin);
        long compiledBefore = jit.compileMillis();
        Map<String, Double> cpuBefore = processes.cpuSeconds();
        Map<String, Map<Long, RunQueueWait.Times>> waitsBefore = runQueues.snapshot();
        Map<String, Long> dbBefore = databaseCounters(suite);
        long measureFrom = System.nanoTime();
        long measureUntil = measureFrom + MEASURE.toNanos();
        window.measure(measureFrom, measureUntil);
        LookupLoad.sleepUntil(measureUntil);
        Map<String, Double> cpuAfter = processes.cpuSeconds();
        Map<String, Map<Long, RunQueueWait.Times>> waitsAfter = runQueues.snapshot();
        Map<String, Long> dbAfter = databaseCounters(suite);
        double jitShare = (jit.compileMillis() - compiledBefore) / (double) MEASURE.toMillis();
        if (profile) {
            dumpProfiles(suite);
        }
        long lastAnswer = measureUntil;
        for (Worker worker : workers) {
            worker.thread.join();
            lastAnswer = Math.max(lastAnswer, worker.lastAnswer);
        }
        // A paced row that fell behind answers its lookups after the window: its rate is over the time it took.
        double seconds = (offeredPerSecond == 0 ? MEASURE.toNanos() : lastAnswer - measureFrom) / 1e9;
        LoadRun run = LoadRun.of(round, path, threadCount, offeredPerSecond, seconds, workers,
                SuiteCpu.cores(cpuBefore, cpuAfter, MEASURE.toNanos() / 1e9), diffLong(dbBefore, dbAfter));
        run.waits = new LinkedHashMap<>(RunQueueWait.between(waitsBefore, waitsAfter));
        // The paced clients end with the window, before a snapshot after it could read them: each reads its own.
        run.waits.put("lookup clients", Arrays.stream(workers).map(Worker::measuredTimes)
                .reduce(RunQueueWait.Times.NONE, RunQueueWait.Times::plus));
        warmUps.add(String.format(Locale.ROOT, "| %d | %s | %s | %.0f | %.1f %% | %.1f %% |", round, path,
                run.clients(), warmedUp.seconds(), warmedUp.jitShare() * 100, jitShare * 100)
                + (warmedUp.quiet() ? "" : " limit reached: still compiling"));
        return run;
    }

    /** Counters of the contact database (pg_stat_database) and its outbox, to show the database work per lookup. */
    private static Map<String, Long> databaseCounters(LocalSuite suite) {
        Map<String, Long> counters = new LinkedHashMap<>();
        try (Connection connection = dataSource(suite, "contact").getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_force_next_flush()");
            try (ResultSet row = statement.executeQuery("SELECT xact_commit, tup_returned, "
                    + "tup_fetched, tup_inserted, tup_updated, blks_hit FROM pg_stat_database "
                    + "WHERE datname = 'contact'")) {
                row.next();
                for (String column : List.of("xact_commit", "tup_returned", "tup_fetched", "tup_inserted",
                        "tup_updated", "blks_hit")) {
                    counters.put(column, row.getLong(column));
                }
            }
            // Which tables each lookup touches, and how often: index and sequential scans per table.
            try (ResultSet rows = statement.executeQuery("SELECT relname, coalesce(idx_scan, 0) AS idx_scan, "
                    + "seq_scan FROM pg_stat_user_tables WHERE relname IN ('contact', 'contact_phone', "
                    + "'interaction', 'outbox_event') ORDER BY relname")) {
                while (rows.next()) {
                    counters.put("idx scans " + rows.getString("relname"), rows.getLong("idx_scan"));
                    counters.put("seq scans " + rows.getString("relname"), rows.getLong("seq_scan"));
                }
            }
        } catch (SQLException e) {
            counters.put("unavailable: " + e.getMessage(), 0L);
        }
        return counters;
    }

    /**
     * Starts pg_stat_statements' counts afresh in the contact database, if the server preloads it (a diagnosis run:
     * {@code -Dlocalstack.postgres.settings=shared_preload_libraries=pg_stat_statements;
     * pg_stat_statements.track_planning=on}); false if it does not.
     */
    private static boolean resetStatementStatistics(LocalSuite suite) {
        try (Connection connection = dataSource(suite, "contact").getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet preloaded = statement.executeQuery("SELECT current_setting('shared_preload_libraries') "
                    + "LIKE '%pg_stat_statements%'")) {
                if (!preloaded.next() || !preloaded.getBoolean(1)) {
                    return false;
                }
            }
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            statement.execute("SELECT pg_stat_statements_reset()");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The contact database's statements since the reset, by total time: how often each was planned and run. */
    private static String statementStatistics(LocalSuite suite, List<LoadRun> runs) {
        long lookups = runs.stream().mapToLong(run -> run.requests).sum();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "Statements in the contact database "
                + "during all rows (pg_stat_statements; %,d measured lookups, warm-ups not counted in them):%n%n"
                + "| statement | calls | plans | mean plan ms | mean exec ms | total ms |%n"
                + "|---|---:|---:|---:|---:|---:|%n", lookups));
        try (Connection connection = dataSource(suite, "contact").getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT left(regexp_replace(s.query, '\\s+', ' ', 'g'), 90), "
                     + "s.calls, s.plans, s.mean_plan_time, s.mean_exec_time, s.total_plan_time + s.total_exec_time "
                     + "FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid "
                     + "WHERE d.datname = 'contact' ORDER BY 6 DESC LIMIT 12")) {
            while (rows.next()) {
                text.append(String.format(Locale.ROOT, "| `%s` | %,d | %,d | %.3f | %.3f | %,.0f |%n",
                        rows.getString(1).replace("|", "\\|"), rows.getLong(2), rows.getLong(3), rows.getDouble(4),
                        rows.getDouble(5), rows.getDouble(6)));
            }
            text.append("\nTables (maintenance since the suite started):\n\n| table | analysed | vacuumed | changed since "
                    + "analysis | sessions of the database |\n|---|---:|---:|---:|---:|\n");
            try (ResultSet tables = statement.executeQuery("SELECT t.relname, t.autoanalyze_count + t.analyze_count, "
                    + "t.autovacuum_count + t.vacuum_count, t.n_mod_since_analyze, d.sessions "
                    + "FROM pg_stat_user_tables t, pg_stat_database d WHERE d.datname = 'contact' "
                    + "AND t.relname IN ('contact', 'contact_phone', 'interaction', 'outbox_event') "
                    + "ORDER BY t.relname")) {
                while (tables.next()) {
                    text.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d |%n", tables.getString(1),
                            tables.getLong(2), tables.getLong(3), tables.getLong(4), tables.getLong(5)));
                }
            }
        } catch (SQLException e) {
            text.append("unavailable: ").append(e.getMessage()).append('\n');
        }
        return text.toString();
    }

    private static Map<String, Long> diffLong(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> diff = new LinkedHashMap<>();
        after.forEach((name, value) -> diff.put(name, value - before.getOrDefault(name, 0L)));
        return diff;
    }

    private static String databaseWork(List<LoadRun> runs) {
        StringBuilder text = new StringBuilder("Work in the contact database per lookup (pg_stat_database deltas "
                + "÷ lookups; all sessions of the database, including the outbox relay):\n\n| round | path | threads |");
        List<String> names = new ArrayList<>(runs.get(0).database.keySet());
        names.forEach(name -> text.append(' ').append(name).append(" |"));
        text.append("\n|---:|---|---:|").append("---:|".repeat(names.size())).append('\n');
        for (LoadRun run : runs) {
            text.append("| ").append(run.round).append(" | ").append(run.path).append(" | ").append(run.clients()).append(" |");
            names.forEach(name -> text.append(String.format(Locale.ROOT, " %.2f |",
                    run.database.get(name) / (double) run.requests)));
            text.append('\n');
        }
        return text.toString();
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    /** A server setting as PostgreSQL reports it ({@code SHOW}). */
    private static String setting(LocalSuite suite, String name) throws SQLException {
        try (Connection connection = dataSource(suite, "contact").getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW " + name)) {
            row.next();
            return row.getString(1);
        }
    }

    private static PGSimpleDataSource dataSource(LocalSuite suite, String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(suite.postgres.jdbcUrl(database));
        dataSource.setUser(suite.postgres.username());
        dataSource.setPassword(suite.postgres.password());
        return dataSource;
    }

    /** The JFR recordings of contact-service and the gateway over the measured window just ended. */
    private static void dumpProfiles(LocalSuite suite) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        for (ServiceProcess service : List.of(suite.contact, suite.gateway)) {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(service.handle().pid()), "JFR.dump",
                    "name=lookup", "begin=-" + MEASURE.toSeconds() + "s",
                    "filename=" + OUT.resolve(service.name() + "-lookup.jfr").toAbsolutePath())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(60, TimeUnit.SECONDS);
            System.out.println("JFR of " + service.name() + ": " + output.strip().replace('\n', ' '));
        }
    }

    // ---- report --------------------------------------------------------------------------------------------------

    /**
     * The best row through the gateway and directly, next to pgbench -S of the same run; the best gateway row's p99
     * next to the trivial endpoint's p99 with as many clients (CeilingsBenchmarkIT).
     */
    private static BenchmarkFigures figures(List<LoadRun> runs, List<Pgbench.Run> pgbench) {
        double bestTps = pgbench.stream().map(Pgbench.Run::tps).filter(tps -> tps != null)
                .mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        BenchmarkFigures figures = new BenchmarkFigures("lookup")
                .add("pgbench_tps", "pgbench -S on the same PostgreSQL, best of " + PGBENCH_CLIENTS.stream()
                        .map(String::valueOf).collect(Collectors.joining(" and ")) + " clients", bestTps, "tps");
        for (String path : List.of("gateway", "direct")) {
            LoadRun best = runs.stream().filter(run -> run.path.equals(path) && run.offered == 0)
                    .max((a, b) -> Double.compare(a.perSecond, b.perSecond)).orElse(null);
            if (best != null) {
                addBest(figures, best, path);
            }
            addPaced(figures, runs, path);
        }
        return figures;
    }

    /** The best closed-loop row of the path, next to pgbench -S and the trivial endpoint's p99. */
    private static void addBest(BenchmarkFigures figures, LoadRun best, String path) {
        String row = String.format(Locale.ROOT, "(round %d of %d, %d clients, %,d contacts)", best.round, ROUNDS,
                best.threads, CONTACTS);
        String how = how(path);
        figures.add(path + "_best_per_s", "best lookups/s " + how + " " + row, best.perSecond, "lookups/s",
                        "pgbench_tps", path.equals("gateway") ? ">= " + (long) TARGET_PER_SECOND : null)
                .add(path + "_best_p99_ms", "p99 of the best row " + how + " " + row, best.p99, "ms",
                        "ceilings.http_" + (path.equals("gateway") ? "gateway" : "contact") + "_c"
                                + best.threads + "_p99_ms",
                        path.equals("gateway") ? "<= " + (long) TARGET_P99_MS : null);
    }

    /** The last round's paced rows of the path: the services at their warmest. */
    private static void addPaced(BenchmarkFigures figures, List<LoadRun> runs, String path) {
        for (int rate : PACED) {
            runs.stream().filter(run -> run.path.equals(path) && run.offered == rate && run.round == ROUNDS)
                    .findFirst().ifPresent(run -> figures
                            .add(path + "_paced_" + rate + "_per_s", String.format(Locale.ROOT, "lookups/s "
                                    + "answered %s at an offered %,d/s (round %d, %d clients)", how(path), rate,
                                    run.round, run.threads), run.perSecond, "lookups/s")
                            .add(path + "_paced_" + rate + "_p99_ms", String.format(Locale.ROOT, "p99 %s at an "
                                    + "offered %,d/s, from when each lookup was due (round %d)", how(path), rate,
                                    run.round), run.p99, "ms", null, path.equals("gateway")
                                    && rate >= TARGET_PER_SECOND ? "<= " + (long) TARGET_P99_MS : null));
        }
    }

    private static String how(String path) {
        return path.equals("gateway") ? "through the gateway" : "directly";
    }

    private static String verdict(List<LoadRun> runs, List<Pgbench.Run> pgbench) {
        StringBuilder text = new StringBuilder();
        // The closed-loop row with the most lookups/s; none when only paced rows ran.
        LoadRun best = runs.stream().filter(run -> run.path.equals("gateway") && run.offered == 0)
                .max((a, b) -> Double.compare(a.perSecond, b.perSecond)).orElse(null);
        Double bestTps = pgbench.stream().map(Pgbench.Run::tps).filter(tps -> tps != null).max(Double::compare)
                .orElse(null);
        if (best != null) {
            text.append(String.format(Locale.ROOT, "Best through the gateway: %,.0f lookups/s (round %d, %d client "
                    + "threads), p99 %.2f ms.%n", best.perSecond, best.round, best.threads, best.p99));
        }
        for (LoadRun run : runs) {
            if (!run.path.equals("gateway")) {
                continue;
            }
            runs.stream().filter(direct -> direct.path.equals("direct") && direct.round == run.round
                            && direct.threads == run.threads && direct.offered == run.offered).findFirst()
                    .ifPresent(direct -> text.append(String.format(Locale.ROOT, "Gateway's share, round %d, %s "
                                    + "clients: direct %,.0f/s → through the gateway %,.0f/s (%.0f %% of direct); "
                                    + "p50 %.2f → %.2f ms, p99 %.2f → %.2f ms.%n", run.round, run.clients(),
                            direct.perSecond, run.perSecond, 100 * run.perSecond / direct.perSecond, direct.p50,
                            run.p50, direct.p99, run.p99)));
        }
        if (bestTps != null && best != null) {
            text.append(String.format(Locale.ROOT, "Ratio lookups/s ÷ pgbench -S tps (best of each): %,.0f ÷ %,.0f "
                    + "= %.3f (one lookup through the gateway costs the machine about %.0f PostgreSQL primary-key "
                    + "lookups).%n", best.perSecond, bestTps, best.perSecond / bestTps, bestTps / best.perSecond));
        } else if (bestTps == null) {
            text.append("No pgbench figure: ").append(pgbench.get(0).note()).append('\n');
        }
        // Decided by what callers would see at the target's rate (the paced gateway rows) once the services are warm
        // (every round after the first); without a paced row at that rate, by any gateway row.
        List<LoadRun> deciding = runs.stream().filter(run -> run.path.equals("gateway")
                && run.offered >= TARGET_PER_SECOND && (run.round > 1 || ROUNDS == 1)).toList();
        boolean pass = deciding.isEmpty()
                ? runs.stream().anyMatch(run -> run.path.equals("gateway") && run.meetsTarget())
                : deciding.stream().allMatch(LoadRun::meetsTarget);
        text.append(String.format(Locale.ROOT, "Target: >= %,.0f lookups/s with p99 <= %.0f ms through the gateway: "
                + "%s (%s)%n", TARGET_PER_SECOND, TARGET_P99_MS, pass ? "PASS" : "FAIL", deciding.isEmpty()
                ? "any gateway row" : "every paced gateway row at that rate after round 1"));
        for (LoadRun run : runs) {
            if (run.path.equals("gateway")) {
                double rateNeeded = run.offered == 0 ? TARGET_PER_SECOND : 0.99 * run.offered;
                text.append(String.format(Locale.ROOT, "  round %d, %s clients: %,.0f/s %s %,.0f, p99 %.2f ms %s %.0f "
                                + "ms, errors %d → %s%n", run.round, run.clients(), run.perSecond,
                        run.perSecond >= rateNeeded ? ">=" : "<", rateNeeded, run.p99,
                        run.p99 <= TARGET_P99_MS ? "<=" : ">", TARGET_P99_MS, run.errors,
                        run.meetsTarget() ? "pass" : "fail"));
            }
        }
        return text.toString();
    }
}
