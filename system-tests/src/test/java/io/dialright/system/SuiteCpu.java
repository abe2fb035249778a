package io.dialright.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** CPU time of the processes of the suite, read from /proc through ProcessHandle: where a benchmark's CPU goes. */
final class SuiteCpu {

    private final LocalSuite suite;
    private final long postmasterPid;

    SuiteCpu(LocalSuite suite) {
        this.suite = suite;
        this.postmasterPid = postmasterPid(suite);
    }

    /** The suite's PostgreSQL server (the postmaster, parent of its other processes), or -1 if not found. */
    static long postmasterPid(LocalSuite suite) {
        Pattern port = Pattern.compile("/bin/postgres .*-p " + suite.postgres.port() + "\\b");
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> port.matcher(c).find()).orElse(false))
                .mapToLong(ProcessHandle::pid).min().orElse(-1);
    }

    /** Seconds of CPU so far: each service, PostgreSQL (all its processes), this JVM, the machine. */
    Map<String, Double> cpuSeconds() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (ServiceProcess service : List.of(suite.contact, suite.consent, suite.dialer, suite.audit,
                suite.gateway)) {
            cpu.put(service.name(), cpu(service.handle()));
        }
        // The postmaster's own time, the time of the backends it has reaped (pgbench's connections end before
        // the second reading) and that of the live ones.
        cpu.put("postgres", ProcessHandle.of(postmasterPid).map(postmaster -> procStatSeconds(postmaster.pid(),
                true) + postmaster.children().mapToDouble(child -> procStatSeconds(child.pid(), false)).sum())
                .orElse(Double.NaN));
        cpu.put("test JVM (load clients + Kafka broker)", cpu(ProcessHandle.current()));
        cpu.put("machine busy", machineBusySeconds());
        return cpu;
    }

    private static double cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    /** utime + stime (+ cutime + cstime: children waited for) of a process from /proc/pid/stat. */
    private static double procStatSeconds(long pid, boolean withReapedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17.
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            if (withReapedChildren) {
                ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            }
            return ticks / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Busy time of all cores from /proc/stat (user, nice, system, irq, softirq, steal), in seconds. */
    private static double machineBusySeconds() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[]{1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(fields[i]);
            }
            return busy / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Cores used per process between two readings {@code seconds} apart, and what the machine did besides. */
    static Map<String, Double> cores(Map<String, Double> before, Map<String, Double> after, double seconds) {
        Map<String, Double> cores = new LinkedHashMap<>();
        before.forEach((name, value) -> cores.put(name, (after.get(name) - value) / seconds));
        double listed = cores.entrySet().stream().filter(e -> !e.getKey().equals("machine busy"))
                .mapToDouble(Map.Entry::getValue).sum();
        cores.put("everything else on the machine", cores.get("machine busy") - listed);
        return cores;
    }
}
