package io.dialright.contact.lookup;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.contact.config.ContactConfig;
import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;

/**
 * What caller-ID lookups read, kept per number (blind index) so that the next lookup of the same number is answered
 * without PostgreSQL: on 2 cores, the lookup's read was a third of the CPU each ringing phone cost the machine.
 *
 * <p>A number is held only while this instance is told of every change: {@link CallerChanges} listens to what the
 * database's triggers send on commit (the numbers whose contact, numbers or calls changed) and has them forgotten
 * here. While it is not listening (at start, after a lost connection) nothing is held and every lookup reads the
 * database. A change is seen by lookups here once its notification arrives, a few milliseconds after its commit;
 * every change reaches contact-service through events or requests that are slower than that anyway.
 *
 * <p>A read never puts back what a change made while it ran has made wrong: every forgetting counts, and a read that
 * saw the count move drops what it held. And the counts behind the signals are held only until the oldest call they
 * count leaves its window, so that time passing, which no trigger announces, cannot leave a signal or a route wrong.
 */
@ApplicationScoped
public class CallerCache {

    private static final Logger LOG = Logger.getLogger(CallerCache.class);

    private final CallerReader reader;
    /** Each caller packed ({@link PackedCaller}); null when the cache is turned off ({@code max-entries=0}). */
    private final HeldCallers<byte[]> held;
    private final Duration frequentWindow;
    private final Duration complaintsWindow;
    private final int recentLimit;
    /** Moves on every forgetting: a read that started before a forgetting must not hold what it read. */
    private final AtomicLong forgettings = new AtomicLong();
    /** True while every change is being heard of (see {@link CallerChanges}). */
    private volatile boolean listening;
    private final LongAdder answeredHeld = new LongAdder();
    private final LongAdder answeredRead = new LongAdder();

    public CallerCache(CallerReader reader, ContactConfig config) {
        this.reader = reader;
        this.frequentWindow = config.signals().frequentWindow();
        this.complaintsWindow = config.routing().complaintsWindow();
        this.recentLimit = config.signals().recentInteractions();
        ContactConfig.LookupCache settings = config.lookupCache();
        this.held = settings.maxEntries() <= 0 ? null : new HeldCallers<>(settings.maxEntries(), settings.maxAge());
    }

    /** A caller's card and history as of {@code now}: held if nothing changed since it was read, read otherwise. */
    public CallerReader.Caller read(String phoneHash, Instant now) {
        if (held == null) {
            return readNow(phoneHash, now);
        }
        CallerReader.Caller known = heldOrNull(phoneHash, now);
        if (known != null) {
            answeredHeld.increment();
            return known;
        }
        answeredRead.increment();
        long forgettingsBefore = forgettings.get();
        boolean holdable = listening;
        CallerReader.Caller caller = readNow(phoneHash, now);
        if (holdable) {
            HeldCallers.Entry<byte[]> fresh = held.put(phoneHash,
                    PackedCaller.pack(caller, caller.history().countsTrueUntil(frequentWindow, complaintsWindow)));
            // Checked after putting: a forgetting that came between the read and here either shows in the count now,
            // or comes after the put and removes it itself.
            if (forgettings.get() != forgettingsBefore || !listening) {
                held.remove(phoneHash, fresh);
            }
        }
        return caller;
    }

    /**
     * The caller as of {@code now} if it is held and still true, without touching the database (an event-loop thread
     * may ask); {@code null} otherwise. Counted as answered from memory only through {@link #countAnsweredHeld()},
     * since the asker may still go on to {@link #read}.
     */
    public CallerReader.Caller heldOrNull(String phoneHash, Instant now) {
        byte[] known = held == null ? null : held.get(phoneHash);
        return known != null && PackedCaller.trueAt(known, now) ? PackedCaller.unpack(known) : null;
    }

    /** A lookup was answered with what {@link #heldOrNull} gave: for the cache's report. */
    public void countAnsweredHeld() {
        answeredHeld.increment();
    }

    private CallerReader.Caller readNow(String phoneHash, Instant now) {
        return reader.read(phoneHash, now.minus(frequentWindow), now.minus(complaintsWindow), recentLimit);
    }

    /** Whether lookups are cached at all; with {@code max-entries=0} nobody needs to listen for changes. */
    public boolean enabled() {
        return held != null;
    }

    /** These numbers (blind indexes) changed: their next lookups read the database. */
    void forget(Collection<String> phoneHashes) {
        forgettings.incrementAndGet();
        phoneHashes.forEach(held::remove);
    }

    /** Something changed too large to name number by number. */
    void forgetAll() {
        forgettings.incrementAndGet();
        held.clear();
    }

    /** Changes are heard of from now on: whatever changed before, unheard, is forgotten first. */
    void startedListening() {
        forgetAll();
        listening = true;
    }

    /** Changes may go unheard from now on: nothing is held until {@link #startedListening()}. */
    void stoppedListening() {
        listening = false;
        forgetAll();
    }

    /** Whether every change is being heard of, so that lookups are held (for health checks and tests). */
    public boolean listening() {
        return listening;
    }

    /** Whether the next lookup of this number would be answered from memory, if nothing changes first. */
    public boolean holds(String phoneHash) {
        return held != null && held.get(phoneHash) != null;
    }

    /** How many numbers are held now. */
    public long size() {
        return held == null ? 0 : held.size();
    }

    /** Once a minute, how much of the lookups the cache answered: what an operator sizes it by. */
    @Scheduled(every = "60s", delayed = "60s")
    void report() {
        if (held == null) {
            return;
        }
        long fromMemory = answeredHeld.sumThenReset();
        long lookups = fromMemory + answeredRead.sumThenReset();
        if (lookups > 0) {
            LOG.infof("Caller-ID cache: %d of %d lookups in the last minute answered from memory (%.1f %%), "
                    + "%d numbers held", fromMemory, lookups, 100.0 * fromMemory / lookups, held.size());
        }
    }
}
