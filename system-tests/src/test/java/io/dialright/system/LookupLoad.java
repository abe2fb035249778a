package io.dialright.system;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/** The load of {@link LookupBenchmarkIT}: its client threads and the figures of one measured run. */
final class LookupLoad {

    private LookupLoad() {
    }

    /**
     * When a row's lookups count: not before the warm-up has ended, which is decided while the load runs (when the
     * JIT compilers have gone quiet), and not after the measured time; the clients stop at its end.
     */
    static final class Window {

        private record Span(long from, long until) {
        }

        private volatile Span span = new Span(Long.MAX_VALUE, Long.MAX_VALUE);

        /** Lookups started from {@code from} (System.nanoTime) on count, until {@code until}. */
        void measure(long from, long until) {
            span = new Span(from, until);
        }

        long from() {
            return span.from();
        }

        long until() {
            return span.until();
        }
    }

    /**
     * One client thread with its own HTTP/1.1 keep-alive connection, as one telephony connector would be: a blocking
     * {@link KeepAliveClient} (the JDK's {@code HttpClient} costs a selector thread and two thread hand-offs per
     * request, its {@code HttpURLConnection} about a tenth of the machine's work per lookup: CPU this benchmark's
     * load generator would take from the two cores it measures).
     */
    static final class Worker implements Runnable {

        final Thread thread = new Thread(this, "lookup-client");
        private final URL[] requests;
        private final String authorization;
        private final Window window;
        private final long interval;
        private long due;
        long[] latencies = new long[1 << 16];
        int count;
        long errors;
        long misses;
        long bytes;
        long lastAnswer;
        final Map<String, Long> errorKinds = new LinkedHashMap<>();
        final SlowLookups slow = new SlowLookups();
        /** This thread's run and run-queue times when its first measured lookup was due, and when it ended. */
        private RunQueueWait.Times atWindowStart;
        private RunQueueWait.Times atEnd;

        /** {@code interval} 0: closed loop; else one lookup due every {@code interval} ns from {@code firstDue}. */
        Worker(URL[] requests, String token, Window window, long interval, long firstDue) {
            this.requests = requests;
            this.authorization = "Bearer " + token;
            this.window = window;
            this.interval = interval;
            this.due = firstDue;
            thread.setDaemon(true);
        }

        /** What this thread ran and waited for a core from its first measured lookup to its end. */
        RunQueueWait.Times measuredTimes() {
            return atWindowStart == null || atEnd == null ? RunQueueWait.Times.NONE : atEnd.minus(atWindowStart);
        }

        @Override
        public void run() {
            try (KeepAliveClient client = new KeepAliveClient(requests[0].getHost(), requests[0].getPort())) {
                run(client);
            }
        }

        private void run(KeepAliveClient client) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (true) {
                long start;
                if (interval == 0) {
                    start = System.nanoTime();
                } else {
                    start = due;
                    due += interval;
                    try {
                        sleepUntil(start);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (start >= window.until()) {
                    atEnd = RunQueueWait.ofCurrentThread();
                    return;
                }
                boolean measured = start >= window.from();
                if (measured && atWindowStart == null) {
                    atWindowStart = RunQueueWait.ofCurrentThread();
                }
                String error = null;
                boolean found = true;
                int length = 0;
                try {
                    KeepAliveClient.Response response = client.get(requests[random.nextInt(requests.length)],
                            authorization);
                    length = response.body().length();
                    if (response.status() != 200) {
                        error = "HTTP " + response.status();
                    } else {
                        found = response.body().contains("\"found\":true");
                    }
                } catch (IOException e) {
                    error = e.getClass().getSimpleName();
                }
                long end = System.nanoTime();
                long latency = end - start;
                if (!measured) {
                    continue;
                }
                lastAnswer = end;
                slow.note(start, end);
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = latency;
                bytes += length;
                if (error != null) {
                    errors++;
                    errorKinds.merge(error, 1L, Long::sum);
                } else if (!found) {
                    misses++;
                }
            }
        }
    }

    /** The figures of one measured run. */
    static final class LoadRun {

        final int round;
        final String path;
        final int threads;
        /** Lookups/s offered by a paced row; 0 for a closed loop. */
        final int offered;
        final double seconds;
        final long requests;
        final long errors;
        final long misses;
        final double perSecond;
        final double p50;
        final double p95;
        final double p99;
        final double max;
        final double meanBytes;
        final Map<String, Long> errorKinds = new LinkedHashMap<>();
        final Map<String, Double> cores;
        SlowLookups slow = new SlowLookups();
        /** What the lookup path's threads ran and waited for a core during the measured window, by group. */
        Map<String, RunQueueWait.Times> waits = Map.of();
        final Map<String, Long> database;

        private LoadRun(int round, String path, int threads, int offered, double seconds, long[] sorted, long errors,
                        long misses, long bytes, Map<String, Double> cores, Map<String, Long> database) {
            this.round = round;
            this.path = path;
            this.threads = threads;
            this.offered = offered;
            this.seconds = seconds;
            this.requests = sorted.length;
            this.errors = errors;
            this.misses = misses;
            this.perSecond = sorted.length / seconds;
            this.p50 = percentile(sorted, 0.50);
            this.p95 = percentile(sorted, 0.95);
            this.p99 = percentile(sorted, 0.99);
            this.max = sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
            this.meanBytes = sorted.length == 0 ? 0 : (double) bytes / sorted.length;
            this.cores = cores;
            this.database = database;
        }

        static LoadRun of(int round, String path, int threads, int offered, double seconds, Worker[] workers,
                          Map<String, Double> cores, Map<String, Long> database) {
            int total = Arrays.stream(workers).mapToInt(worker -> worker.count).sum();
            long[] all = new long[total];
            int at = 0;
            long errors = 0;
            long misses = 0;
            long bytes = 0;
            for (Worker worker : workers) {
                System.arraycopy(worker.latencies, 0, all, at, worker.count);
                at += worker.count;
                errors += worker.errors;
                misses += worker.misses;
                bytes += worker.bytes;
            }
            Arrays.sort(all);
            LoadRun run = new LoadRun(round, path, threads, offered, seconds, all, errors, misses, bytes, cores,
                    database);
            for (Worker worker : workers) {
                worker.errorKinds.forEach((kind, n) -> run.errorKinds.merge(kind, n, Long::sum));
            }
            run.slow = SlowLookups.of(Arrays.stream(workers).map(worker -> worker.slow).toList());
            return run;
        }

        /** Nearest-rank percentile in milliseconds. */
        private static double percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1e6;
        }

        /**
         * At least the target rate with the target p99 and no error. A paced row counts when it offered the target
         * rate and kept up with it (99 %: its last answers come a little after the window).
         */
        boolean meetsTarget() {
            boolean rate = offered == 0 ? perSecond >= LookupBenchmarkIT.TARGET_PER_SECOND
                    : offered >= LookupBenchmarkIT.TARGET_PER_SECOND && perSecond >= 0.99 * offered;
            return errors == 0 && rate && p99 <= LookupBenchmarkIT.TARGET_P99_MS;
        }

        /** The clients of the row: {@code 16}, or {@code 32 paced at 2,000/s}. */
        String clients() {
            return offered == 0 ? Integer.toString(threads)
                    : String.format(Locale.ROOT, "%d paced at %,d/s", threads, offered);
        }

        /** Each row's lookups slower than {@value SlowLookups#THRESHOLD_MS} ms, grouped into stalls (UTC times). */
        static String stalls(List<LoadRun> runs) {
            StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "Lookups slower than %d ms, each "
                    + "row's overlapping ones taken as one stall (start UTC, +duration; compare with "
                    + "target/benchmarks/*-gc.log and the services' logs):%n%n| round | path | clients | slow "
                    + "lookups | stalls |%n|---:|---|---:|---:|---|%n", SlowLookups.THRESHOLD_MS));
            for (LoadRun run : runs) {
                table.append(String.format(Locale.ROOT, "| %d | %s | %s | %,d | %s |%n", run.round, run.path,
                        run.clients(), run.slow.count(), run.slow.describe(5)));
            }
            return table.toString();
        }

        /** The cores each process used in each measured run, and the CPU milliseconds per lookup. */
        static String cpuTable(List<LoadRun> runs) {
            StringBuilder table = new StringBuilder("CPU used during each measured run (cores, out of "
                    + Runtime.getRuntime().availableProcessors() + "):\n\n| round | path | threads |");
            List<String> names = new ArrayList<>(runs.get(0).cores.keySet());
            names.forEach(name -> table.append(' ').append(name).append(" |"));
            table.append("\n|---:|---|---:|").append("---:|".repeat(names.size())).append('\n');
            for (LoadRun run : runs) {
                table.append("| ").append(run.round).append(" | ").append(run.path).append(" | ")
                        .append(run.clients()).append(" |");
                names.forEach(name -> table.append(String.format(Locale.ROOT, " %.2f |", run.cores.get(name))));
                table.append('\n');
            }
            table.append("\nCPU milliseconds per lookup:\n\n| round | path | threads | contact-service | gateway | "
                    + "postgres | test JVM | all |\n|---:|---|---:|---:|---:|---:|---:|---:|\n");
            for (LoadRun run : runs) {
                double perLookup = 1000 / run.perSecond;
                table.append(String.format(Locale.ROOT, "| %d | %s | %s | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                        run.round, run.path,
                        run.clients(), run.cores.get("contact-service") * perLookup,
                        run.cores.get("gateway") * perLookup,
                        run.cores.get("postgres") * perLookup,
                        run.cores.get("test JVM (load clients + Kafka broker)") * perLookup,
                        run.cores.get("machine busy") * perLookup));
            }
            return table.toString();
        }

        /**
         * How long the lookup path's threads waited for a core in each measured run: the share of the time they were
         * runnable that they spent in a run queue, and that wait in milliseconds per lookup (all the group's threads).
         */
        static String waitTable(List<LoadRun> runs) {
            List<String> groups = new ArrayList<>(runs.get(0).waits.keySet());
            StringBuilder table = new StringBuilder("Waiting for a core (/proc/<pid>/task/<tid>/schedstat): of the "
                    + "time each group's threads were runnable, the share they waited in a run queue; and that wait per "
                    + "lookup, ms. A tail with high shares here and no pause in the *-gc.log files is the cores' "
                    + "queue:\n\n| round | path | clients |");
            groups.forEach(group -> table.append(' ').append(group).append(" |"));
            table.append("\n|---:|---|---:|").append("---:|".repeat(groups.size())).append('\n');
            for (LoadRun run : runs) {
                table.append("| ").append(run.round).append(" | ").append(run.path).append(" | ").append(run.clients())
                        .append(" |");
                for (String group : groups) {
                    RunQueueWait.Times times = run.waits.get(group);
                    // No thread found (no /proc on this system, or none of that name): nothing to show.
                    table.append(times.runNanos() + times.waitNanos() == 0 ? " — |"
                            : String.format(Locale.ROOT, " %.0f %%, %.3f |", times.waitingShare() * 100,
                            times.waitNanos() / 1e6 / Math.max(1, run.requests)));
                }
                table.append('\n');
            }
            return table.toString();
        }

        static String header() {
            return """
                    | round | path | clients | lookups/s | p50 ms | p95 ms | p99 ms | max ms | errors | not found | \
                    requests | mean body |
                    |---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
                    """;
        }

        String row() {
            String errorText = errors == 0 ? "0" : errors + " " + errorKinds;
            return String.format(Locale.ROOT, "| %d | %s | %s | %,.0f | %.2f | %.2f | %.2f | %.1f | %s | %d | %,d "
                    + "| %,.0f B |", round, path.equals("gateway") ? "client → gateway → contact-service" : "client → contact-service",
                    clients(), perSecond, p50, p95, p99, max, errorText, misses, requests, meanBytes);
        }
    }

    /** Waits until then, to about 0.1 ms (Thread.sleep on Java 17 rounds up to whole milliseconds). */
    static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
