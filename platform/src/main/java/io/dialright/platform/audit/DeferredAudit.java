package io.dialright.platform.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.dialright.platform.events.Actor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Audit entries of read-only requests (a decision, a caller-ID lookup) without a write transaction per request:
 * each request still gets its own {@code AccessRecorded} entry, with the time it happened, its request id and
 * address, but the entries wait here and are written to the outbox together by {@link #flush()}, which the owning
 * service calls on a schedule and at shutdown. Nothing waits for such an entry, because the request changed nothing;
 * the price is that a crash (not a graceful stop) can lose the entries since the last flush. Actions that change data
 * are recorded in their own transaction ({@link AccessRecorder}), never here.
 *
 * <p>At most {@value #MAX_WAITING} entries wait: a request that finds that many writes them itself first, and if it
 * cannot (the database refuses writes) it fails before its answer is given, as it would with the entry written in
 * its own transaction — no request is answered that cannot be audited, and the queue stays bounded.
 */
public final class DeferredAudit {

    /** Beyond this many waiting entries the recording thread writes them itself (back-pressure, nothing dropped). */
    public static final int MAX_WAITING = 5_000;
    /** Entries written per transaction by {@link #flush}. */
    public static final int PER_TRANSACTION = 1_000;

    private static final Logger LOG = Logger.getLogger(DeferredAudit.class);

    private final String entriesOf;
    private final AccessRecorder recorder;
    private final ConcurrentLinkedQueue<AccessRecorder.Access> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    /** @param entriesOf what the entries audit, for the log: {@code "decision"}, {@code "lookup"} */
    public DeferredAudit(String entriesOf, AccessRecorder recorder) {
        this.entriesOf = entriesOf;
        this.recorder = recorder;
    }

    /**
     * Queues the entry; time, request id and client address are taken now, from the recording request.
     *
     * @throws RuntimeException when {@value #MAX_WAITING} entries wait and they cannot be written: the request
     *                          must fail rather than go unaudited
     */
    public void record(Actor actor, String action, String subjectKey, String phoneHash, Map<String, ?> details) {
        AccessRecorder.Access entry = entry(actor, action, subjectKey, phoneHash, details);
        if (size.get() >= MAX_WAITING) {
            flush();
        }
        waiting.add(entry);
        size.incrementAndGet();
    }

    /**
     * Queues the entry as {@link #record} does, but never writes, so that a thread that must not wait for the
     * database (an event loop) can record: {@code false}, and nothing queued, when {@value #MAX_WAITING} entries
     * wait already. The caller then has to record on a thread that may write.
     */
    public boolean offer(Actor actor, String action, String subjectKey, String phoneHash, Map<String, ?> details) {
        AccessRecorder.Access entry = entry(actor, action, subjectKey, phoneHash, details);
        // The place is taken before the entry is queued: a flush meanwhile subtracts only what it took.
        if (size.getAndUpdate(count -> count < MAX_WAITING ? count + 1 : count) >= MAX_WAITING) {
            return false;
        }
        waiting.add(entry);
        return true;
    }

    private static AccessRecorder.Access entry(Actor actor, String action, String subjectKey, String phoneHash,
                                               Map<String, ?> details) {
        Instant now = Instant.now();
        Map<String, Object> facts = new LinkedHashMap<>(details);
        // Also when absent (null): the entry must not take the request id of whichever thread writes it.
        Object requestId = MDC.get("requestId");
        Object sourceIp = MDC.get("sourceIp");
        facts.put("requestId", requestId == null ? null : requestId.toString());
        facts.put("sourceIp", sourceIp == null ? null : sourceIp.toString());
        return new AccessRecorder.Access(actor, action, subjectKey, phoneHash, facts, now);
    }

    /** Entries recorded and not yet written. */
    public int waiting() {
        return size.get();
    }

    /**
     * Writes every waiting entry, {@value #PER_TRANSACTION} per transaction (each takes a lock per key, and a
     * backlog left by a database outage must not outgrow PostgreSQL's lock table); what a failed transaction did not
     * write waits for the next try, in its order, and the failure is thrown.
     */
    public synchronized void flush() {
        List<AccessRecorder.Access> batch = new ArrayList<>();
        for (AccessRecorder.Access entry = waiting.poll(); entry != null; entry = waiting.poll()) {
            batch.add(entry);
        }
        size.addAndGet(-batch.size());
        for (int from = 0; from < batch.size(); from += PER_TRANSACTION) {
            List<AccessRecorder.Access> chunk = batch.subList(from, Math.min(batch.size(), from + PER_TRANSACTION));
            try {
                QuarkusTransaction.requiringNew().run(() -> recorder.recordAll(chunk));
            } catch (RuntimeException e) {
                requeueFirst(batch.subList(from, batch.size()));
                throw e;
            }
        }
    }

    /** {@link #flush()} for a scheduled job: a failure is logged, and the entries wait for the next run. */
    public void flushOrWait() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warnf("Could not write %s audit entries, will try again: %s", entriesOf, e.getMessage());
        }
    }

    /** {@link #flush()} at shutdown: what cannot be written is lost, and the log says how much. */
    public void flushAtStop() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.errorf(e, "%d %s audit entries could not be written at shutdown", size.get(), entriesOf);
        }
    }

    /** Puts unwritten entries back ahead of those recorded meanwhile, so the trail keeps the order they happened in. */
    private void requeueFirst(List<AccessRecorder.Access> unwritten) {
        List<AccessRecorder.Access> newer = new ArrayList<>();
        for (AccessRecorder.Access entry = waiting.poll(); entry != null; entry = waiting.poll()) {
            newer.add(entry);
        }
        waiting.addAll(unwritten);
        waiting.addAll(newer);
        size.addAndGet(unwritten.size());
    }
}
