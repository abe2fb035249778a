package io.dialright.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class RunQueueWaitTest {

    @Test
    void aGroupsTimesAreItsThreadsGrowthAndANewThreadCountsFromZero() {
        Map<String, Map<Long, RunQueueWait.Times>> before = Map.of("loops", Map.of(
                1L, new RunQueueWait.Times(100, 10),
                2L, new RunQueueWait.Times(50, 5)));
        Map<String, Map<Long, RunQueueWait.Times>> after = Map.of("loops", Map.of(
                1L, new RunQueueWait.Times(160, 40), // ran 60, waited 30
                3L, new RunQueueWait.Times(20, 20))); // started in between; thread 2 ended and is left out

        RunQueueWait.Times times = RunQueueWait.between(before, after).get("loops");

        assertEquals(80, times.runNanos());
        assertEquals(50, times.waitNanos());
        assertEquals(50.0 / 130, times.waitingShare(), 1e-9);
    }

    @Test
    void readsTheRunTimeOfThisProcesssThreadsByName() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux's /proc");
        RunQueueWait waits = new RunQueueWait(List.of(
                new RunQueueWait.Group("probe", ProcessHandle.current().pid(), "schedstat-probe")));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch spin = new CountDownLatch(1);
        CountDownLatch spun = new CountDownLatch(1);
        CountDownLatch measured = new CountDownLatch(1);
        Thread probe = new Thread(() -> {
            try {
                started.countDown();
                spin.await();
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
                while (System.nanoTime() < until) {
                    Thread.onSpinWait(); // on a core, not asleep: its run time grows
                }
                spun.countDown();
                measured.await(); // alive until the second snapshot has read it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "schedstat-probe");
        probe.start();
        started.await();
        Map<String, Map<Long, RunQueueWait.Times>> before = waits.snapshot();
        assertEquals(1, before.get("probe").size(), "the probe thread is found by its name");

        spin.countDown();
        assertTrue(spun.await(30, TimeUnit.SECONDS), "the probe spins for 200 ms");
        Map<String, Map<Long, RunQueueWait.Times>> after = waits.snapshot();
        measured.countDown();
        probe.join();

        RunQueueWait.Times times = RunQueueWait.between(before, after).get("probe");
        assertTrue(times.runNanos() + times.waitNanos() >= TimeUnit.MILLISECONDS.toNanos(100),
                "200 ms of spinning are on a core or waiting for one, read " + times);
    }

    @Test
    void aThreadReadsItsOwnTimes() {
        assumeTrue(Files.isDirectory(Path.of("/proc/thread-self")), "needs Linux's /proc");
        RunQueueWait.Times before = RunQueueWait.ofCurrentThread();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        RunQueueWait.Times spent = RunQueueWait.ofCurrentThread().minus(before);
        assertTrue(spent.runNanos() + spent.waitNanos() >= TimeUnit.MILLISECONDS.toNanos(100),
                "200 ms of spinning are on a core or waiting for one, read " + spent);
    }
}
