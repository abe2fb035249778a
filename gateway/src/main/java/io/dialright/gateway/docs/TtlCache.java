package io.dialright.gateway.docs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * Keeps the result of an asynchronous load for a while. Requests arriving while a load runs share it (a burst of
 * browsers opening the docs asks each service once), and the period starts when the load ends. A failed load is
 * not kept.
 */
final class TtlCache<T> {

    private final Supplier<Future<T>> loader;
    private final Duration ttl;
    private final Clock clock;
    private final AtomicReference<Entry<T>> current = new AtomicReference<>();

    TtlCache(Supplier<Future<T>> loader, Duration ttl, Clock clock) {
        this.loader = loader;
        this.ttl = ttl;
        this.clock = clock;
    }

    Future<T> get() {
        Entry<T> entry = current.get();
        if (entry != null && entry.isFresh(clock.instant(), ttl)) {
            return entry.value();
        }
        Promise<T> promise = Promise.promise();
        Entry<T> loading = new Entry<>(promise.future());
        if (!current.compareAndSet(entry, loading)) {
            // Another request started a load a moment ago; use that one.
            return current.get().value();
        }
        Future<T> loaded;
        try {
            loaded = loader.get();
        } catch (RuntimeException e) {
            loaded = Future.failedFuture(e);
        }
        loaded.onComplete(result -> {
            loading.loadedAt = clock.instant();
            promise.handle(result);
        });
        return promise.future();
    }

    private static final class Entry<T> {

        private final Future<T> value;
        private volatile Instant loadedAt;

        Entry(Future<T> value) {
            this.value = value;
        }

        Future<T> value() {
            return value;
        }

        boolean isFresh(Instant now, Duration ttl) {
            if (!value.isComplete()) {
                return true;
            }
            Instant loaded = loadedAt;
            return value.succeeded() && loaded != null && now.isBefore(loaded.plus(ttl));
        }
    }
}
