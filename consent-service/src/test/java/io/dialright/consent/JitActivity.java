package io.dialright.consent;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * How long the JIT compilers of this JVM and of another Java process (the gateway) have worked so far. A
 * benchmark warms up until they are quiet: on two cores, a C2 compiler still compiling the request path competes
 * with what is measured (a JFR recording showed 4–6 s of compilation per 10 s in this JVM during a latency series
 * that had 10,000 warm-up requests behind it).
 */
final class JitActivity {

    private final long otherPid;

    JitActivity(long otherPid) {
        this.otherPid = otherPid;
    }

    /** Milliseconds of compilation in both JVMs since they started. */
    long compileMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime() + otherCompileMillis();
    }

    /** {@code jstat -compiler} prints the compilers' total time in seconds in the fourth column. */
    private long otherCompileMillis() {
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
            throw new IllegalStateException("Interrupted while reading the gateway's JIT activity", e);
        }
    }
}
