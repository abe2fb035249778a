package io.dialright.system;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Clients sending requests at a steady pace, as operators' desktops do, whatever the answers: each worker sends its
 * next request one interval after the previous one started (or at once if that one took longer). Every answer is
 * kept, so a test can tell what clients saw before, during and after a fault.
 */
final class SteadyLoad implements AutoCloseable {

    private final ExecutorService workers;
    private final List<Future<?>> running = new ArrayList<>();
    private final ConcurrentLinkedQueue<TimedAnswer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger sequence = new AtomicInteger();

    /**
     * @param request    sends the n-th request of the whole load (n counts from 0 across all workers)
     * @param workers    how many clients send at once
     * @param intervalMs each client's pause between the starts of two requests
     */
    SteadyLoad(IntFunction<TimedAnswer> request, int workers, long intervalMs) {
        this.workers = Executors.newFixedThreadPool(workers);
        for (int i = 0; i < workers; i++) {
            running.add(this.workers.submit(() -> {
                long next = System.nanoTime();
                while (!stopping.get()) {
                    answers.add(request.apply(sequence.getAndIncrement()));
                    next += TimeUnit.MILLISECONDS.toNanos(intervalMs);
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        // Pacing a client, not waiting for a result.
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } else {
                        next = System.nanoTime();
                    }
                }
                return null;
            }));
        }
    }

    /** The answers so far, in no particular order. */
    List<TimedAnswer> answers() {
        return List.copyOf(answers);
    }

    /** Stops every client after its current request and returns all answers. */
    List<TimedAnswer> stop() throws Exception {
        stopping.set(true);
        for (Future<?> worker : running) {
            worker.get(30, TimeUnit.SECONDS);
        }
        workers.shutdown();
        return answers();
    }

    @Override
    public void close() {
        stopping.set(true);
        workers.shutdownNow();
    }
}
