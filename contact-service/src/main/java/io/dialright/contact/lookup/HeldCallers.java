package io.dialright.contact.lookup;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What {@link CallerCache} holds: values by key, at most {@code maxEntries} of them, none older than {@code maxAge}.
 * When full, it makes room by second chance: a sweep drops what nobody asked for since the previous sweep. Each entry
 * lasts between half and all of the maximum age, drawn when it is put: a cache filled in a few minutes (after a start)
 * does not all expire in the same few minutes, sending every lookup to the database at once.
 *
 * <p>Why not a library cache with a recency order: a hit there moves the entry in a linked order, a write of
 * references into objects that have long been in the old generation. Measured in the lookup benchmark with 100,000
 * numbers held (Caffeine, 1 GB heap), contact-service's young collections paused 25–100 ms, mean 52 ms, against 3–8 ms
 * without a cache: the collector had to catch up with all those written references in its pauses, on two cores that
 * had no time to spare for it between them. Here a hit reads, and at most sets a flag (not a reference) once per sweep.
 */
final class HeldCallers<V> {

    private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long maxEntries;
    private final long maxAgeNanos;
    private final ReentrantLock sweeping = new ReentrantLock();

    HeldCallers(long maxEntries, Duration maxAge) {
        this.maxEntries = maxEntries;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** A value held and when it stops being given. */
    static final class Entry<V> {

        final V value;
        private final long expiresAtNanos;
        /**
         * Asked for (or put) since the last sweep: a new entry gets one sweep's time to be asked for. Not volatile: a
         * lost flag only makes one eviction less well chosen.
         */
        private boolean used = true;

        private Entry(V value, long expiresAtNanos) {
            this.value = value;
            this.expiresAtNanos = expiresAtNanos;
        }
    }

    /** The value held for the key, or null (never held, forgotten, evicted, or older than the maximum age). */
    V get(String key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (System.nanoTime() - entry.expiresAtNanos >= 0) {
            entries.remove(key, entry);
            return null;
        }
        if (!entry.used) {
            entry.used = true;
        }
        return entry.value;
    }

    /** Holds the value; the entry returned is what {@link #remove(String, Entry)} takes back. */
    Entry<V> put(String key, V value) {
        long age = maxAgeNanos - ThreadLocalRandom.current().nextLong(maxAgeNanos / 2 + 1);
        Entry<V> entry = new Entry<>(value, System.nanoTime() + age);
        entries.put(key, entry);
        if (entries.mappingCount() > maxEntries) {
            makeRoom();
        }
        return entry;
    }

    /** Removes this entry, if it is still the one held for the key. */
    void remove(String key, Entry<V> entry) {
        entries.remove(key, entry);
    }

    void remove(String key) {
        entries.remove(key);
    }

    void clear() {
        entries.clear();
    }

    long size() {
        return entries.mappingCount();
    }

    /**
     * Drops what nobody asked for since the previous sweep and clears the others' flags; if that frees less than a
     * tenth, drops more, in the map's order, until a tenth is free, so that the next sweep is 10 % of the entries away.
     * One thread sweeps; the others go on (the map may briefly hold a few more than the maximum).
     */
    private void makeRoom() {
        if (!sweeping.tryLock()) {
            return;
        }
        try {
            long target = maxEntries - Math.max(1, maxEntries / 10);
            for (Iterator<Entry<V>> held = entries.values().iterator(); held.hasNext(); ) {
                Entry<V> entry = held.next();
                if (entry.used) {
                    entry.used = false;
                } else {
                    held.remove();
                }
            }
            for (Iterator<Entry<V>> held = entries.values().iterator();
                 held.hasNext() && entries.mappingCount() > target; ) {
                held.next();
                held.remove();
            }
        } finally {
            sweeping.unlock();
        }
    }
}
