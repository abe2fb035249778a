package io.dialright.system;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long the lookup path's threads waited for a core. Linux keeps, per thread, the time it ran and the time it was
 * runnable but waiting in a run queue ({@code /proc/<pid>/task/<tid>/schedstat}, nanoseconds). A lookup's tail that
 * comes from the cores being busy shows here, and in none of the collectors' or safepoints' logs: a thread that waits
 * for a core is not paused, and the machine is not stopped.
 */
final class RunQueueWait {

    /** Threads of one process whose name ({@code comm}, at most 15 characters) starts with {@code prefix}. */
    record Group(String name, long pid, String prefix) {
    }

    /** Time on a core and time waiting for one, nanoseconds, summed over a group's threads. */
    record Times(long runNanos, long waitNanos) {

        static final Times NONE = new Times(0, 0);

        /** Of the time the threads wanted a core, the share they waited for it. */
        double waitingShare() {
            long runnable = runNanos + waitNanos;
            return runnable == 0 ? Double.NaN : (double) waitNanos / runnable;
        }

        Times plus(Times other) {
            return new Times(runNanos + other.runNanos, waitNanos + other.waitNanos);
        }

        Times minus(Times earlier) {
            return new Times(runNanos - earlier.runNanos, waitNanos - earlier.waitNanos);
        }
    }

    private final List<Group> groups;

    RunQueueWait(List<Group> groups) {
        this.groups = List.copyOf(groups);
    }

    /** Each group's threads' counters now, by thread id. */
    Map<String, Map<Long, Times>> snapshot() {
        Map<String, Map<Long, Times>> snapshot = new LinkedHashMap<>();
        for (Group group : groups) {
            snapshot.put(group.name(), threads(group));
        }
        return snapshot;
    }

    /**
     * What each group's threads ran and waited between two snapshots. A thread that started in between counts from
     * zero; one that ended in between is missing from {@code after} and is left out.
     */
    static Map<String, Times> between(Map<String, Map<Long, Times>> before, Map<String, Map<Long, Times>> after) {
        Map<String, Times> times = new LinkedHashMap<>();
        after.forEach((group, threads) -> {
            Map<Long, Times> earlier = before.getOrDefault(group, Map.of());
            Times sum = Times.NONE;
            for (Map.Entry<Long, Times> thread : threads.entrySet()) {
                sum = sum.plus(thread.getValue().minus(earlier.getOrDefault(thread.getKey(), Times.NONE)));
            }
            times.put(group, sum);
        });
        return times;
    }

    /**
     * The calling thread's counters now ({@link Times#NONE} without /proc): for threads that end as their window
     * does, such as the paced load's clients, which a snapshot taken after the window would miss.
     */
    static Times ofCurrentThread() {
        try {
            return parse(Files.readString(Path.of("/proc/thread-self/schedstat")));
        } catch (IOException | RuntimeException e) {
            return Times.NONE;
        }
    }

    /** {@code schedstat}: time on a core, time waiting in a run queue (ns), time slices. */
    private static Times parse(String schedstat) {
        String[] fields = schedstat.trim().split("\\s+");
        return new Times(Long.parseLong(fields[0]), Long.parseLong(fields[1]));
    }

    private static Map<Long, Times> threads(Group group) {
        Map<Long, Times> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(group.pid()),
                "task"))) {
            for (Path task : tasks) {
                try {
                    if (Files.readString(task.resolve("comm")).startsWith(group.prefix())) {
                        threads.put(Long.parseLong(task.getFileName().toString()),
                                parse(Files.readString(task.resolve("schedstat"))));
                    }
                } catch (IOException | RuntimeException e) {
                    // The thread ended while it was read: it is left out, as between() says.
                }
            }
        } catch (IOException | RuntimeException e) {
            // No /proc (not Linux) or the process is gone: the group has no threads, and the report shows a dash.
        }
        return threads;
    }
}
