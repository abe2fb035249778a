package io.dialright.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.dialright.testsupport.ShiftableClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

class TtlCacheTest {

    private static final Duration TTL = Duration.ofSeconds(60);

    private final ShiftableClock clock = new ShiftableClock();
    private final AtomicInteger loads = new AtomicInteger();

    @Test
    void resultIsKeptForTheTtlAfterItsLoadEnded() {
        TtlCache<Integer> cache = new TtlCache<>(() -> Future.succeededFuture(loads.incrementAndGet()), TTL, clock);

        assertThat(cache.get().result()).isEqualTo(1);
        clock.shift(TTL.minusSeconds(1));
        assertThat(cache.get().result()).isEqualTo(1);
        clock.shift(Duration.ofSeconds(1));
        assertThat(cache.get().result()).isEqualTo(2);
        assertThat(loads).hasValue(2);
    }

    @Test
    void requestsDuringALoadShareItAndThePeriodStartsWhenItEnds() {
        Promise<Integer> slow = Promise.promise();
        TtlCache<Integer> cache = new TtlCache<>(() -> {
            loads.incrementAndGet();
            return slow.future();
        }, TTL, clock);

        Future<Integer> first = cache.get();
        clock.shift(TTL.multipliedBy(2));
        Future<Integer> second = cache.get();
        assertThat(loads).hasValue(1);
        assertThat(second.isComplete()).isFalse();

        slow.complete(7);
        clock.shift(TTL.minusSeconds(1));
        assertThat(first.result()).isEqualTo(7);
        assertThat(second.result()).isEqualTo(7);
        assertThat(cache.get().result()).isEqualTo(7);
        assertThat(loads).hasValue(1);
    }

    @Test
    void failedLoadIsNotKept() {
        TtlCache<Integer> cache = new TtlCache<>(() -> loads.incrementAndGet() == 1
                ? Future.failedFuture(new IllegalStateException("boom"))
                : Future.succeededFuture(loads.get()), TTL, clock);

        assertThat(cache.get().failed()).isTrue();
        assertThat(cache.get().result()).isEqualTo(2);
    }

    @Test
    void loaderThatThrowsGivesAFailedResultNotAnException() {
        TtlCache<Integer> cache = new TtlCache<>(() -> {
            throw new IllegalStateException("boom");
        }, TTL, clock);

        assertThat(cache.get().cause()).hasMessage("boom");
    }
}
