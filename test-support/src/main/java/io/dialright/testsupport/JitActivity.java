package io.dialright.testsupport;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * How long the JIT compilers of this JVM and of other Java processes (the services under load) have worked so far.
 * A benchmark warms up until they are quiet: on two cores, a C2 compiler still compiling the request path competes
 * with what is measured (a JFR recording showed 4–6 s of compilation per 10 s in consent-service during a latency
 * series that had 10,000 warm-up requests behind it; a profile of the whole machine showed the JVMs of the suite
 * compiling 28 % of the time a minute into a caller-ID lookup load, and 11 % two minutes later).
 */
public final class JitActivity {

    private final long[] otherPids;

    /** @param otherPids the Java processes counted besides this one */
    public JitActivity(long... otherPids) {
        this.otherPids = otherPids.clone();
    }

    /** Milliseconds of compilation in this JVM and the others since they started. */
    public long compileMillis() {
        long millis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        for (long pid : otherPids) {
            millis += compileMillisOf(pid);
        }
        return millis;
    }

    /** {@code jstat -compiler} prints the compilers' total time in seconds in the fourth column. */
    private static long compileMillisOf(long otherPid) {
        Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
        try {
            Process process = new ProcessBuilder(jstat.toString(), "-compiler", Long.toString(otherPid))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("jstat -compiler " + otherPid + " failed: " + output);
            }
            String[] lines = output.strip().split("\\R");
            String[] columns = lines[lines.length - 1].trim().split("\\s+");
            // The decimal separator follows the default locale of the machine.
            return Math.round(Double.parseDouble(columns[3].replace(',', '.')) * 1000);
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + jstat, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the JIT activity of " + otherPid, e);
        }
    }
}
