package io.dialright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.dialright.localstack.BenchmarkFigures;
import io.dialright.testsupport.TestTokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the gateway costs (issue 7): requests/s and latency of a trivial authenticated route — {@code POST
 * /api/contacts/number-checks}, which verifies the token, parses one number and touches no database — through the
 * gateway and against contact-service directly, alternating in the same run with the same clients. Through the
 * gateway a request is verified twice (gateway and service), rate-limited, checked against the role table and
 * proxied. Target: the gateway path keeps at least 70 % of the direct throughput (it costs at most 30 %).
 *
 * <pre>
 * ./mvnw -B install -DskipTests
 * ./mvnw -B -pl system-tests verify -Dit.test=GatewayOverheadBenchmarkIT -DexcludedGroups=none
 * </pre>
 * Properties: {@code bench.threads} (8,16), {@code bench.rounds} (2), {@code bench.warmup} (10 s),
 * {@code bench.measure} (20 s), {@code bench.jfr=true} (a profile of the gateway in target/benchmarks/gateway.jfr). Report: {@code system-tests/target/benchmarks/gateway-overhead.txt}. The test fails
 * only if requests fail; the verdict against the target is in the report.
 */
@Tag("benchmark")
class GatewayOverheadBenchmarkIT {

    private static final List<Integer> THREADS = Arrays.stream(System.getProperty("bench.threads", "8,16")
            .split(",")).map(String::strip).map(Integer::valueOf).toList();
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 2);
    private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("bench.warmup", 10));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.measure", 20));
    private static final double TARGET_RATIO = 0.70;
    private static final String PATH = "/api/contacts/number-checks";
    private static final byte[] BODY = "{\"number\":\"8 (916) 123-45-67\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void gatewayOverhead() throws Exception {
        Path out = Path.of("target", "benchmarks");
        Files.createDirectories(out);
        StringBuilder report = new StringBuilder("Gateway overhead benchmark, ").append(Instant.now()).append('\n')
                .append(BenchmarkEnvironment.machine(WARMUP, MEASURE)).append(BenchmarkEnvironment.code())
                .append('\n');
        try (LocalSuite suite = new LocalSuite(GatewayOverheadBenchmarkIT::javaOptions)) {
            SuiteCpu cpu = new SuiteCpu(suite);
            String token = TestTokens.token("operator-bench", "operator", "team-bench");
            List<Run> runs = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                for (int threads : THREADS) {
                    for (String path : List.of("gateway", "direct")) {
                        String base = path.equals("gateway") ? suite.gateway.baseUrl() : suite.contact.baseUrl();
                        Run run = Run.measure(round, path, threads, request(base, token), cpu);
                        System.out.println(run.row());
                        runs.add(run);
                    }
                }
            }
            report.append(String.format(Locale.ROOT, "POST %s {\"number\":\"8 (916) 123-45-67\"} with an operator "
                    + "token; each row: %d s warm-up, %d s measured; CPU in cores over the measured window.%n%n",
                    PATH, WARMUP.toSeconds(), MEASURE.toSeconds()));
            report.append(Run.HEADER);
            runs.forEach(run -> report.append(run.row()).append('\n'));
            report.append('\n').append(verdict(runs));
            String text = report.toString();
            System.out.println(text);
            Files.writeString(out.resolve("gateway-overhead.txt"), text, StandardCharsets.UTF_8);
            figures(runs).write(out);
            assertEquals(0, runs.stream().mapToLong(Run::errors).sum(), "no request may fail");
        }
    }

    /** ./dialright up's options; with {@code bench.jfr} the gateway records a profile until it stops. */
    private static List<String> javaOptions(String module) {
        List<String> options = new ArrayList<>(ServiceProcess.dialrightUpJavaOptions(module));
        String extra = System.getProperty("bench.gateway.options", "");
        if (module.equals("gateway") && !extra.isBlank()) {
            options.addAll(List.of(extra.strip().split("\\s+")));
        }
        if (Boolean.getBoolean("bench.jfr") && module.equals("gateway")) {
            options.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                    + Path.of("target", "benchmarks", "gateway.jfr").toAbsolutePath());
        }
        return options;
    }

    private static HttpRequest request(String baseUrl, String token) {
        return HttpRequest.newBuilder(URI.create(baseUrl + PATH))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(BODY)).build();
    }

    /**
     * Per client count, over the warmed-up rounds (all but the first, when there are several): the gateway's
     * requests as a share of the direct ones. One round alone swings by ±10 % on a shared 2-core machine.
     */
    private static String verdict(List<Run> runs) {
        int firstCounted = ROUNDS > 1 ? 2 : 1;
        StringBuilder verdict = new StringBuilder(String.format(Locale.ROOT, "Verdict (rounds %d-%d together; "
                + "target: gateway ≥ %d %% of direct throughput)%n", firstCounted, ROUNDS,
                Math.round(TARGET_RATIO * 100)));
        for (int threads : THREADS) {
            List<Run> gateway = counted(runs, "gateway", threads, firstCounted);
            List<Run> direct = counted(runs, "direct", threads, firstCounted);
            double gatewayRate = gateway.stream().mapToDouble(Run::perSecond).average().orElse(Double.NaN);
            double directRate = direct.stream().mapToDouble(Run::perSecond).average().orElse(Double.NaN);
            double ratio = gatewayRate / directRate;
            verdict.append(String.format(Locale.ROOT, "  %2d clients: gateway %,.0f/s (p99 %.1f ms) vs direct "
                            + "%,.0f/s (p99 %.1f ms) = %.0f %% of direct, costs %.0f %% -> %s%n", threads,
                    gatewayRate, worstP99(gateway), directRate, worstP99(direct), ratio * 100, (1 - ratio) * 100,
                    ratio >= TARGET_RATIO ? "pass" : "FAIL"));
        }
        return verdict.toString();
    }

    /** Per client count, the verdict's figures: the gateway's rate measured against the direct one. */
    private static BenchmarkFigures figures(List<Run> runs) {
        int firstCounted = ROUNDS > 1 ? 2 : 1;
        String rounds = firstCounted == ROUNDS ? "round " + ROUNDS : "rounds " + firstCounted + "-" + ROUNDS;
        BenchmarkFigures figures = new BenchmarkFigures("gateway-overhead");
        for (int threads : THREADS) {
            String row = String.format(Locale.ROOT, "%d clients, %s", threads, rounds);
            figures.add("direct_c" + threads + "_per_s", "number check directly, " + row,
                            counted(runs, "direct", threads, firstCounted).stream()
                                    .mapToDouble(Run::perSecond).average().orElse(Double.NaN), "req/s")
                    .add("gateway_c" + threads + "_per_s", "number check through the gateway, " + row,
                            counted(runs, "gateway", threads, firstCounted).stream()
                                    .mapToDouble(Run::perSecond).average().orElse(Double.NaN), "req/s",
                            "direct_c" + threads + "_per_s",
                            String.format(Locale.ROOT, "ratio >= %.2f", TARGET_RATIO));
        }
        return figures;
    }

    private static List<Run> counted(List<Run> runs, String path, int threads, int firstRound) {
        return runs.stream().filter(run -> run.path().equals(path) && run.threads() == threads
                && run.round() >= firstRound).toList();
    }

    private static double worstP99(List<Run> runs) {
        return runs.stream().mapToDouble(Run::p99).max().orElse(Double.NaN);
    }

    /**
     * One measured load: {@code threads} clients, each with its own keep-alive connection, as fast as answered
     * ({@link ClosedLoopLoad}), and the CPU of each process over the measured window.
     */
    private record Run(int round, String path, int threads, ClosedLoopLoad.Result load) {

        static final String HEADER = String.format(Locale.ROOT, "%5s %-8s %7s %9s %8s %8s %8s %7s  %s%n", "round",
                "path", "clients", "req/s", "p50 ms", "p99 ms", "max ms", "errors", "CPU cores");

        static Run measure(int round, String path, int threads, HttpRequest request, SuiteCpu cpu) throws Exception {
            return new Run(round, path, threads, ClosedLoopLoad.run(threads, WARMUP, MEASURE, () -> request, cpu));
        }

        double perSecond() {
            return load.perSecond();
        }

        double p99() {
            return load.p99Millis();
        }

        long errors() {
            return load.errorCount();
        }

        String row() {
            StringBuilder cpu = new StringBuilder();
            load.cores().forEach((process, value) -> cpu.append(String.format(Locale.ROOT, "%s %.2f; ", process,
                    value)));
            return String.format(Locale.ROOT, "%5d %-8s %7d %,9.0f %8.2f %8.2f %8.1f %7d  %s", round, path, threads,
                    perSecond(), load.p50Millis(), p99(), load.maxMillis(), errors(), cpu);
        }
    }
}
