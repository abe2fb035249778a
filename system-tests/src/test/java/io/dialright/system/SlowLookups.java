package io.dialright.system;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The lookups of a row that took longer than {@value #THRESHOLD_MS} ms, with the wall-clock time each started: a
 * p99 is made of them, and their times are what can be laid beside the services' GC and safepoint logs, PostgreSQL's
 * log and the other rows to find what stalled.
 */
final class SlowLookups {

    static final long THRESHOLD_MS = 50;
    private static final long THRESHOLD_NANOS = THRESHOLD_MS * 1_000_000;
    /** Per client thread: enough for a row that stalls again and again, bounded for one that stalls throughout. */
    private static final int KEPT = 20_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** One slow lookup: when it started (epoch ms) and how long it took. */
    record Slow(long startedAtMillis, long nanos) {
    }

    private final List<Slow> slow = new ArrayList<>();
    private long count;

    /** Notes a lookup that started at {@code start} and ended at {@code end} (both System.nanoTime), if slow. */
    void note(long start, long end) {
        long nanos = end - start;
        if (nanos < THRESHOLD_NANOS) {
            return;
        }
        count++;
        if (slow.size() < KEPT) {
            long startedAt = System.currentTimeMillis() - (System.nanoTime() - start) / 1_000_000;
            slow.add(new Slow(startedAt, nanos));
        }
    }

    /** The slow lookups of all of a row's clients together. */
    static SlowLookups of(List<SlowLookups> clients) {
        SlowLookups all = new SlowLookups();
        for (SlowLookups client : clients) {
            all.slow.addAll(client.slow);
            all.count += client.count;
        }
        all.slow.sort(Comparator.comparingLong(Slow::startedAtMillis));
        return all;
    }

    long count() {
        return count;
    }

    /**
     * The stalls of the row: slow lookups that overlap in time are one stall (many clients waiting on the same
     * thing), listed longest first with when they began and how many lookups they held.
     */
    String describe(int limit) {
        if (slow.isEmpty()) {
            return "none";
        }
        List<long[]> stalls = new ArrayList<>(); // from, until (epoch ms), lookups
        for (Slow lookup : slow) {
            long until = lookup.startedAtMillis() + lookup.nanos() / 1_000_000;
            long[] last = stalls.isEmpty() ? null : stalls.get(stalls.size() - 1);
            if (last != null && lookup.startedAtMillis() <= last[1]) {
                last[1] = Math.max(last[1], until);
                last[2]++;
            } else {
                stalls.add(new long[] {lookup.startedAtMillis(), until, 1});
            }
        }
        stalls.sort(Comparator.comparingLong((long[] stall) -> stall[1] - stall[0]).reversed());
        List<String> longest = new ArrayList<>();
        for (long[] stall : stalls.subList(0, Math.min(limit, stalls.size()))) {
            longest.add(String.format(Locale.ROOT, "%s +%,d ms (%,d lookups)", TIME.format(Instant.ofEpochMilli(
                    stall[0])), stall[1] - stall[0], stall[2]));
        }
        return String.format(Locale.ROOT, "%,d stalls; longest: %s", stalls.size(), String.join(", ", longest));
    }
}
