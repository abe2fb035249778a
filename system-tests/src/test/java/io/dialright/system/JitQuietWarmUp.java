package io.dialright.system;

import java.time.Duration;
import java.util.Locale;

import io.dialright.testsupport.JitActivity;

/**
 * The lookup benchmark's warm-up of a row: load for at least {@code minimum}, then on in slices of {@link #SLICE}
 * until the JIT compilers of the JVMs {@link JitActivity} counts together work less than {@link #QUIET_SHARE} of two
 * slices in a row (they compile in bursts), for {@code limit} at most. On two cores a compiler still at work takes its
 * CPU from the lookups measured; production services run for days, and the figures are of warm ones.
 */
final class JitQuietWarmUp {

    static final Duration SLICE = Duration.ofSeconds(5);
    /** The JIT counts as quiet below this share of a slice (all the JVMs' compilation together). */
    static final double QUIET_SHARE = 0.05;

    /** How long a row's warm-up took, and how busy the JIT compilers were in its last slice. */
    record Result(double seconds, double jitShare, boolean quiet) {
    }

    private final Duration minimum;
    private final Duration limit;
    private final JitActivity jit;

    JitQuietWarmUp(Duration minimum, Duration limit, JitActivity jit) {
        this.minimum = minimum;
        this.limit = limit;
        this.jit = jit;
    }

    /** Returns once the row's load, started at {@code begin} (System.nanoTime), has warmed the JVMs up. */
    Result await(long begin) throws InterruptedException {
        LookupLoad.sleepUntil(begin + minimum.toNanos());
        double share = Double.NaN;
        int quietSlices = 0;
        while (System.nanoTime() - begin < limit.toNanos()) {
            long compiled = jit.compileMillis();
            long sliceStart = System.nanoTime();
            LookupLoad.sleepUntil(sliceStart + SLICE.toNanos());
            share = (jit.compileMillis() - compiled) / (double) SLICE.toMillis();
            quietSlices = share < QUIET_SHARE ? quietSlices + 1 : 0;
            if (quietSlices == 2) {
                return new Result((System.nanoTime() - begin) / 1e9, share, true);
            }
        }
        return new Result((System.nanoTime() - begin) / 1e9, share, false);
    }

    /** The report's words on the rule, ahead of the table of each row's warm-up. */
    String describe() {
        return String.format(Locale.ROOT, "Warm-up of each row: at least %d s of the row's load, then %d s slices until "
                + "the JIT compilers of contact-service, the gateway and the test JVM together work less than %.0f %% "
                + "of two slices in a row (at most %d s); JIT busy = compilation time (elapsed, so inflated when the "
                + "compiler threads wait for a core) / wall time.", minimum.toSeconds(), SLICE.toSeconds(),
                QUIET_SHARE * 100, limit.toSeconds());
    }
}
