package io.dialright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PostgreSQL's own ceiling in a benchmark run: pgbench -S on the suite's server, with the CPU each side used. */
final class Pgbench {

    private Pgbench() {
    }

    record Run(int clients, Double tps, String latency, Map<String, Double> cores, String note) {
    }

    /** pgbench -S with each client count, {@code seconds} each, on the suite's PostgreSQL. */
    static List<Run> measure(LocalSuite suite, SuiteCpu processes, List<Integer> clientCounts, int seconds,
                             Path pgbench) throws Exception {
        if (!Files.isExecutable(pgbench)) {
            return List.of(new Run(0, null, null, Map.of(), pgbench + " is not installed: no pgbench figure "
                    + "in this run"));
        }
        suite.postgres.createDatabases(List.of("bench"));
        List<String> connection = List.of("-h", "127.0.0.1", "-p", Integer.toString(suite.postgres.port()),
                "-U", suite.postgres.username());
        String init = run(pgbench, connection, List.of("-i", "-q", "-s", "10", "bench"));
        System.out.println("pgbench -i -s 10: " + init.lines().reduce((a, b) -> b).orElse(""));
        List<Run> runs = new ArrayList<>();
        for (int clients : clientCounts) {
            Map<String, Double> before = processes.cpuSeconds();
            long start = System.nanoTime();
            String output = run(pgbench, connection, List.of("-S", "-c", Integer.toString(clients), "-j",
                    "2", "-T", Integer.toString(seconds), "bench"));
            double elapsed = (System.nanoTime() - start) / 1e9;
            Map<String, Double> cores = SuiteCpu.cores(before, processes.cpuSeconds(), elapsed);
            Matcher cpu = Pattern.compile("pgbench-cpu ([0-9.]+) ([0-9.]+)").matcher(output);
            cores.put("pgbench", cpu.find()
                    ? (Double.parseDouble(cpu.group(1)) + Double.parseDouble(cpu.group(2))) / elapsed : Double.NaN);
            Double tps = find(output, "tps = ([0-9.]+)").map(Double::valueOf).orElse(null);
            String latency = find(output, "latency average = ([0-9.]+ ms)").orElse("?");
            System.out.println(output);
            runs.add(new Run(clients, tps, latency, cores, tps == null ? "no tps in the output" : null));
        }
        return runs;
    }

    /** Runs pgbench under bash's {@code time}, which prints the CPU time pgbench itself used (user, system). */
    private static String run(Path pgbench, List<String> connection, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                "TIMEFORMAT='pgbench-cpu %3U %3S'; time \"$0\" \"$@\"", pgbench.toString()));
        command.addAll(connection);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", "postgres");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.MINUTES), "pgbench finished");
        assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + output);
        return output;
    }

    private static Optional<String> find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    static String table(List<Run> runs, int seconds) {
        StringBuilder text = new StringBuilder("pgbench -S (select-only: one primary-key SELECT per transaction), "
                + "scale 10 (1,000,000 accounts), -j 2, " + seconds + " s, same PostgreSQL:\n\n");
        if (runs.size() == 1 && runs.get(0).tps() == null && runs.get(0).clients() == 0) {
            return text.append(runs.get(0).note()).append('\n').toString();
        }
        text.append("| clients | tps | latency average | cores: pgbench client | cores: the rest (PostgreSQL, idle "
                + "services) | machine busy |\n|---:|---:|---:|---:|---:|---:|\n");
        for (Run run : runs) {
            double client = run.cores().getOrDefault("pgbench", Double.NaN);
            double busy = run.cores().getOrDefault("machine busy", Double.NaN);
            text.append(String.format(Locale.ROOT, "| %d | %s | %s | %.2f | %.2f | %.2f |%n", run.clients(),
                    run.tps() == null ? run.note() : String.format(Locale.ROOT, "%,.0f", run.tps()), run.latency(),
                    client, busy - client, busy));
        }
        return text.toString();
    }
}
