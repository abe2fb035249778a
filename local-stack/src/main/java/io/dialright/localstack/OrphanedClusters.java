package io.dialright.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Throw-away clusters left by a test JVM that died without running its shutdown hooks (killed by a signal: a build
 * stopped with {@code kill -9}, a timeout): their PostgreSQL keeps running and their directory stays. The directory of
 * a throw-away cluster names the JVM that owns it, so the next throw-away start can find the clusters whose owner is
 * gone, stop them and delete them.
 */
final class OrphanedClusters {

    private static final String PREFIX = "embedded-pg-";
    /** {@code embedded-pg-<owner pid>-<random digits>}; the binaries' directory, {@code embedded-pg}, never matches. */
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d{1,10})-\\d+");
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);

    private OrphanedClusters() {
    }

    /** A new directory for a throw-away cluster of this JVM, in the system's temporary directory. */
    static Path newDirectory() throws IOException {
        return Files.createTempDirectory(PREFIX + ProcessHandle.current().pid() + "-");
    }

    /**
     * Stops (fast shutdown: open connections are cut) and deletes every cluster in {@code tempDir} whose owning JVM is
     * no longer running. Never fails: a cluster it cannot remove stays as it was.
     *
     * @return the directories deleted
     */
    static List<Path> sweep(Path tempDir) {
        try (Stream<Path> entries = Files.list(tempDir)) {
            return entries.filter(OrphanedClusters::isOrphan).filter(OrphanedClusters::stop)
                    .filter(OrphanedClusters::delete).toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    private static boolean isOrphan(Path directory) {
        Matcher name = NAME.matcher(directory.getFileName().toString());
        if (!name.matches() || !Files.isDirectory(directory)) {
            return false;
        }
        boolean ownerRuns = ProcessHandle.of(Long.parseLong(name.group(1))).map(ProcessHandle::isAlive).orElse(false);
        return !ownerRuns;
    }

    /** Whether the cluster's PostgreSQL is stopped, asking it to stop first if it still runs. */
    private static boolean stop(Path directory) {
        Optional<ProcessHandle> postmaster = postmaster(directory);
        if (postmaster.isEmpty()) {
            return true;
        }
        try {
            // SIGINT is PostgreSQL's fast shutdown; Java can send only SIGTERM (which waits for every session, and a
            // service started by the dead JVM may still hold some) and SIGKILL (which skips the shutdown).
            new ProcessBuilder("kill", "-INT", Long.toString(postmaster.get().pid())).start().waitFor(5,
                    TimeUnit.SECONDS);
            postmaster.get().onExit().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    /** The running PostgreSQL of the cluster, from the first line of {@code postmaster.pid}. */
    private static Optional<ProcessHandle> postmaster(Path directory) {
        Path pidFile = directory.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            // A pid the kernel gave to another program since is left alone.
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().command().map(command -> command.endsWith("postgres"))
                            .orElse(false));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            return !Files.exists(directory);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
