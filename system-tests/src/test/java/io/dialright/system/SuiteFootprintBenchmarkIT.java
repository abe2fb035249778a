package io.dialright.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.dialright.localstack.BenchmarkFigures;
import io.dialright.testsupport.TestTokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the suite costs to start and to hold: the five services started together with ./dialright up's JVM options
 * (its heaps), each one's time from its process start to its first ready answer, then a mixed load through
 * the gateway — caller-ID lookups, single consent decisions, contacts created by a web form, opt-outs, in equal
 * shares at random — while each process's resident memory is read every second ({@code VmRSS} of each service's JVM
 * and of the test JVM, which also holds the Kafka broker; PostgreSQL as the sum of {@code Pss} over its processes, so
 * its shared buffers count once). The peak is reported.
 *
 * <pre>
 * ./mvnw -B install -DskipTests
 * ./mvnw -B -pl system-tests verify -Dit.test=SuiteFootprintBenchmarkIT -DexcludedGroups=none
 * </pre>
 * Properties: {@code bench.contacts} (10000: imported first, the numbers looked up and decided on),
 * {@code bench.clients} (8), {@code bench.warmup} (10 s), {@code bench.measure} (30 s), {@code bench.rounds} (3: the
 * mix again on the same processes, round 1 being the cold JIT). Report:
 * {@code system-tests/target/benchmarks/footprint.txt}, figures in {@code footprint.figures.tsv}. The test fails if
 * a request of the mix fails.
 */
@Tag("benchmark")
class SuiteFootprintBenchmarkIT {

    private static final int CONTACTS = Integer.getInteger("bench.contacts", 10_000);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
    private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("bench.warmup", 10));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.measure", 30));
    private static final int ROUNDS = Math.max(1, Integer.getInteger("bench.rounds", 3));
    private static final Path OUT = Path.of("target", "benchmarks");

    private static final String SUPERVISOR = TestTokens.token("supervisor-footprint", "supervisor", "team-a");
    private static final String OPERATOR = TestTokens.token("operator-footprint", "operator", "team-a");
    private static final String TELEPHONY = TestTokens.token("pbx-footprint", "integration");
    private static final String WEB_FORM = TestTokens.token("web-form-footprint", "integration");

    @Test
    void startTimeAndMemoryUnderMixedLoad() throws Exception {
        Files.createDirectories(OUT);
        StringBuilder report = new StringBuilder("Suite footprint, ").append(Instant.now()).append('\n')
                .append(BenchmarkEnvironment.machine(WARMUP, MEASURE)).append(BenchmarkEnvironment.code())
                .append('\n');
        long starting = System.nanoTime();
        try (LocalSuite suite = new LocalSuite(ServiceProcess::dialrightUpJavaOptions)) {
            double allReady = (System.nanoTime() - starting) / 1e9;
            List<ServiceProcess> services = List.of(suite.contact, suite.consent, suite.dialer, suite.audit,
                    suite.gateway);
            long postmaster = SuiteCpu.postmasterPid(suite);
            List<String> numbers = BenchContacts.numbers(CONTACTS);
            double importSeconds = BenchContacts.importThroughGateway(suite.gateway.baseUrl(), SUPERVISOR,
                    "Footprint contact", numbers).seconds();
            Map<String, Long> idle = residentKb(services, postmaster);

            Map<String, Long> peak = new LinkedHashMap<>(idle);
            AtomicBoolean loading = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (loading.get()) {
                    residentKb(services, postmaster).forEach((process, kb) -> peak.merge(process, kb, Math::max));
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            sampler.start();
            SuiteCpu cpu = new SuiteCpu(suite);
            MixedRequests mix = new MixedRequests(suite.gateway.baseUrl(), numbers);
            List<MixRound> rounds = new ArrayList<>();
            try {
                for (int round = 1; round <= ROUNDS; round++) {
                    rounds.add(new MixRound(round, ClosedLoopLoad.run(CLIENTS, WARMUP, MEASURE, mix, cpu)));
                }
            } finally {
                loading.set(false);
                sampler.join();
            }
            residentKb(services, postmaster).forEach((process, kb) -> peak.merge(process, kb, Math::max));

            report.append(String.format(Locale.ROOT, "Five services started at once on %d cores; all ready after "
                            + "%.1f s (the suite also started PostgreSQL and the broker before them). %,d contacts "
                            + "imported through the gateway in %.1f s.%n%n", Runtime.getRuntime().availableProcessors(),
                    allReady, CONTACTS, importSeconds));
            report.append(String.format(Locale.ROOT, "Mixed load through the gateway: %d clients, %d rounds of %d s "
                    + "warm-up and %d s measured, one after the other on the same processes. Round 1 starts right "
                    + "after the import, when six JVMs still compile their code on the same cores.%n%n", CLIENTS,
                    ROUNDS, WARMUP.toSeconds(), MEASURE.toSeconds()));
            report.append("| round | request | requests/s | p50 ms | p99 ms | max ms | errors |\n"
                    + "|---:|---|---:|---:|---:|---:|---|\n");
            for (MixRound round : rounds) {
                ClosedLoopLoad.Result load = round.load();
                report.append(String.format(Locale.ROOT, "| %d | **all** | %,.0f | %.2f | %.2f | %.1f | %s |%n",
                        round.number(), load.perSecond(), load.p50Millis(), load.p99Millis(), load.maxMillis(),
                        load.errorCount() == 0 ? "0" : load.errors()));
                load.byKind().forEach((kind, part) -> report.append(String.format(Locale.ROOT,
                        "| %d | %s | %,.0f | %.2f | %.2f | %.1f | |%n", round.number(), kind, part.perSecond(),
                        part.p50Millis(), part.p99Millis(), part.maxMillis())));
            }
            report.append('\n');
            // Where the mix's CPU goes, by round: CPU per request falling from round to round is the JIT warming.
            report.append(String.format(Locale.ROOT, "CPU milliseconds per request of the mix, by process (over each "
                    + "round's measurement; cores out of %d in brackets):%n%n| process |",
                    Runtime.getRuntime().availableProcessors()));
            rounds.forEach(round -> report.append(" round ").append(round.number()).append(" |"));
            report.append("\n|---|").append("---:|".repeat(rounds.size())).append('\n');
            for (String process : rounds.get(0).cores().keySet()) {
                report.append("| ").append(process).append(" |");
                for (MixRound round : rounds) {
                    double used = round.cores().get(process);
                    double perSecond = round.load().perSecond();
                    report.append(String.format(Locale.ROOT, " %.2f (%.2f) |", perSecond > 0 ? used * 1000 / perSecond
                            : Double.NaN, used));
                }
                report.append('\n');
            }
            report.append('\n');
            report.append("| process | start → ready | RSS after start and import | peak RSS under load |\n"
                    + "|---|---:|---:|---:|\n");
            BenchmarkFigures figures = new BenchmarkFigures("footprint");
            for (ServiceProcess service : services) {
                double ready = service.readyAfter() == null ? Double.NaN : service.readyAfter().toMillis() / 1e3;
                report.append(String.format(Locale.ROOT, "| %s | %.1f s | %,d MB | %,d MB |%n", service.name(),
                        ready, idle.get(service.name()) >> 10, peak.get(service.name()) >> 10));
                figures.add("start_" + service.name() + "_s", service.name() + ": process start → ready, the five "
                        + "started together", ready, "s");
            }
            for (String other : List.of("postgres", "test-jvm")) {
                report.append(String.format(Locale.ROOT, "| %s | – | %,d MB | %,d MB |%n", describe(other),
                        idle.get(other) >> 10, peak.get(other) >> 10));
            }
            for (String process : peak.keySet()) {
                figures.add("rss_" + process + "_mb", describe(process) + ": peak RSS under mixed load",
                        peak.get(process) / 1024.0, "MB");
            }
            MixRound last = rounds.get(rounds.size() - 1);
            for (MixRound round : last == rounds.get(0) ? List.of(last) : List.of(rounds.get(0), last)) {
                String which = round.number() == 1 ? "round 1, right after start" : "round " + round.number();
                figures.add("mixed_round" + round.number() + "_per_s", String.format(Locale.ROOT, "mixed load "
                                + "through the gateway, %d clients, %s", CLIENTS, which), round.load().perSecond(),
                                "req/s")
                        .add("mixed_round" + round.number() + "_p99_ms", String.format(Locale.ROOT, "mixed load "
                                + "through the gateway, %d clients, %s, p99", CLIENTS, which),
                                round.load().p99Millis(), "ms");
            }
            String text = report.toString();
            System.out.println(text);
            Files.writeString(OUT.resolve("footprint.txt"), text, StandardCharsets.UTF_8);
            figures.write(OUT);
            rounds.forEach(round -> assertThat(round.load().errors())
                    .as("failed requests of the mix in round %d", round.number()).isEmpty());
        }
    }

    /** One round of the mix: what the clients saw and the cores each process used meanwhile. */
    private record MixRound(int number, ClosedLoopLoad.Result load) {

        Map<String, Double> cores() {
            return load.cores();
        }
    }

    private static String describe(String process) {
        return switch (process) {
            case "postgres" -> "PostgreSQL (Pss summed over its processes)";
            case "test-jvm" -> "test JVM (Kafka broker + load clients)";
            default -> process;
        };
    }

    /** Lookups, decisions, new contacts and opt-outs in equal shares; new numbers never repeat in one run. */
    private static final class MixedRequests implements Supplier<HttpRequest> {

        private final String gateway;
        private final List<String> numbers;
        private final AtomicLong created = new AtomicLong();
        private final AtomicLong optedOut = new AtomicLong();

        MixedRequests(String gateway, List<String> numbers) {
            this.gateway = gateway;
            this.numbers = numbers;
        }

        @Override
        public HttpRequest get() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String known = numbers.get(random.nextInt(numbers.size()));
            return switch (random.nextInt(4)) {
                case 0 -> get("/api/lookup?number=" + URLEncoder.encode(BenchContacts.spaced(known),
                        StandardCharsets.UTF_8).replace("+", "%20"), TELEPHONY);
                case 1 -> get("/api/decisions?purpose=MARKETING&channel=VOICE&phone=%2B" + known.substring(1),
                        OPERATOR);
                // New numbers under codes the imported ones never use (BenchContacts.MOBILE_CODES): a created
                // number must not exist yet, in any round.
                case 2 -> post("/api/contacts", WEB_FORM, String.format(Locale.ROOT, "{\"name\": \"Footprint "
                        + "customer\", \"phones\": [{\"number\": \"+7901%07d\"}], \"source\": {\"channel\": "
                        + "\"WEB_FORM\"}}", created.getAndIncrement()));
                default -> post("/api/opt-outs", OPERATOR, String.format(Locale.ROOT, "{\"phone\": \"+7902%07d\", "
                        + "\"channel\": \"OPERATOR\", \"source\": \"footprint benchmark\"}",
                        optedOut.getAndIncrement()));
            };
        }

        private HttpRequest get(String path, String token) {
            return HttpRequest.newBuilder(URI.create(gateway + path)).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30)).GET().build();
        }

        private HttpRequest post(String path, String token, String json) {
            return HttpRequest.newBuilder(URI.create(gateway + path)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        }
    }

    /** Resident memory now, in kB: each service's JVM, PostgreSQL (Pss over its processes) and this JVM. */
    private static Map<String, Long> residentKb(List<ServiceProcess> services, long postmaster) {
        Map<String, Long> kb = new LinkedHashMap<>();
        for (ServiceProcess service : services) {
            kb.put(service.name(), procField(service.handle().pid(), "status", "VmRSS:"));
        }
        kb.put("postgres", ProcessHandle.of(postmaster).map(server -> procField(server.pid(), "smaps_rollup", "Pss:")
                + server.descendants().mapToLong(child -> procField(child.pid(), "smaps_rollup", "Pss:")).sum())
                .orElse(0L));
        kb.put("test-jvm", procField(ProcessHandle.current().pid(), "status", "VmRSS:"));
        return kb;
    }

    /** A "Name:   1234 kB" line of /proc/pid/status or smaps_rollup; 0 when the process has gone. */
    private static long procField(long pid, String file, String field) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), file)).stream()
                    .filter(line -> line.startsWith(field)).findFirst()
                    .map(line -> Long.parseLong(line.replaceAll("\\D+", ""))).orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0L;
        }
    }
}
