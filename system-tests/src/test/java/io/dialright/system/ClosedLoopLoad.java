package io.dialright.system;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * HTTP load as the other HTTP benchmarks drive it: closed-loop client threads, each with its own JDK HttpClient
 * (HTTP/1.1, one keep-alive connection), sending the next request as soon as the last one is answered. Every answer
 * of the measured window is timed; an answer of 300 or above, or no answer, counts as an error by its kind.
 */
final class ClosedLoopLoad {

    private ClosedLoopLoad() {
    }

    /**
     * What one load measured: all latencies sorted, in nanoseconds, and the same by kind of request (method and
     * path, e.g. {@code GET /api/lookup}); with a {@link SuiteCpu}, the cores each process used during the
     * measured window ({@link SuiteCpu#cores}), else none.
     */
    record Result(int clients, double seconds, long[] sortedNanos, Map<String, Result> byKind,
                  Map<String, Long> errors, Map<String, Double> cores) {

        double perSecond() {
            return sortedNanos.length / seconds;
        }

        double p50Millis() {
            return percentileMillis(0.50);
        }

        double p99Millis() {
            return percentileMillis(0.99);
        }

        double maxMillis() {
            return sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1e6;
        }

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Nearest rank, as the other benchmarks compute it. */
        private double percentileMillis(double share) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            return sortedNanos[Math.max(0, (int) Math.ceil(share * sortedNanos.length) - 1)] / 1e6;
        }
    }

    /**
     * {@code clients} threads send what {@code requests} gives them (called from every client thread) for
     * {@code warmup} unmeasured, then {@code measure} measured.
     */
    static Result run(int clients, Duration warmup, Duration measure, Supplier<HttpRequest> requests)
            throws InterruptedException {
        return run(clients, warmup, measure, requests, null);
    }

    /** The same, reading {@code cpu} when the measured window opens and when it closes. */
    static Result run(int clients, Duration warmup, Duration measure, Supplier<HttpRequest> requests,
                      SuiteCpu cpu) throws InterruptedException {
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long measureUntil = measureFrom + measure.toNanos();
        Client[] threads = new Client[clients];
        for (int i = 0; i < clients; i++) {
            threads[i] = new Client(requests, measureFrom, measureUntil);
            threads[i].thread.start();
        }
        Map<String, Double> cores = Map.of();
        if (cpu != null) {
            sleepUntil(measureFrom);
            Map<String, Double> before = cpu.cpuSeconds();
            sleepUntil(measureUntil);
            cores = SuiteCpu.cores(before, cpu.cpuSeconds(), measure.toNanos() / 1e9);
        }
        Map<String, Long> errors = new TreeMap<>();
        Map<String, Latencies> byKind = new TreeMap<>();
        for (Client client : threads) {
            client.thread.join(TimeUnit.NANOSECONDS.toMillis(measureUntil - System.nanoTime()) + 60_000);
            client.errors.forEach((kind, count) -> errors.merge(kind, count, Long::sum));
            client.byKind.forEach((kind, latencies) -> byKind.computeIfAbsent(kind, k -> new Latencies())
                    .addAll(latencies));
        }
        double seconds = measure.toNanos() / 1e9;
        Latencies all = new Latencies();
        Map<String, Result> kinds = new TreeMap<>();
        byKind.forEach((kind, latencies) -> {
            all.addAll(latencies);
            kinds.put(kind, new Result(clients, seconds, latencies.sorted(), Map.of(), Map.of(), Map.of()));
        });
        return new Result(clients, seconds, all.sorted(), kinds, errors, cores);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }

    /** A growing list of latencies. */
    private static final class Latencies {

        private long[] values = new long[1 << 12];
        private int count;

        void add(long nanos) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = nanos;
        }

        void addAll(Latencies other) {
            for (int i = 0; i < other.count; i++) {
                add(other.values[i]);
            }
        }

        long[] sorted() {
            long[] sorted = Arrays.copyOf(values, count);
            Arrays.sort(sorted);
            return sorted;
        }
    }

    /** One client thread with its own connection; it only counts what started inside the measured window. */
    private static final class Client implements Runnable {

        final Thread thread = new Thread(this, "closed-loop-client");
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final Supplier<HttpRequest> requests;
        private final long measureFrom;
        private final long measureUntil;
        private final Map<String, Long> errors = new TreeMap<>();
        private final Map<String, Latencies> byKind = new TreeMap<>();

        Client(Supplier<HttpRequest> requests, long measureFrom, long measureUntil) {
            this.requests = requests;
            this.measureFrom = measureFrom;
            this.measureUntil = measureUntil;
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                HttpRequest request = requests.get();
                long start = System.nanoTime();
                if (start >= measureUntil) {
                    return;
                }
                // The path only: a query may hold a phone number.
                String kind = request.method() + " " + request.uri().getPath();
                String error;
                try {
                    int status = http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
                    error = status < 300 ? null : kind + " → " + status;
                } catch (IOException e) {
                    error = kind + " → " + e.getClass().getSimpleName();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long latency = System.nanoTime() - start;
                if (start < measureFrom) {
                    continue;
                }
                byKind.computeIfAbsent(kind, k -> new Latencies()).add(latency);
                if (error != null) {
                    errors.merge(error, 1L, Long::sum);
                }
            }
        }
    }
}
