package io.dialright.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * One packaged service ({@code target/quarkus-app/quarkus-run.jar}) running as its own JVM, as ./dialright runs it.
 * It keeps its command and environment, so a fault test can {@link #kill()} it and {@link #restart()} it as it was.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int LOG_TAIL_LINES = 30;
    private static final String START_MARK = "==== ";

    private final String name;
    private final int port;
    private final Path log;
    private final ProcessBuilder builder;
    private volatile Process process;
    /** Right after the process was started: the origin of {@link #readyAfter()}. */
    private final long startedNanos = System.nanoTime();
    private volatile Duration readyAfter;

    private ServiceProcess(String name, int port, Path log, ProcessBuilder builder) throws IOException {
        this.name = name;
        this.port = port;
        this.log = log;
        this.builder = builder;
        this.process = builder.start();
        watchUntilReady();
    }

    /** Options of the tests: a small heap and C1 only, which starts fastest. */
    static final List<String> TEST_JAVA_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");

    /**
     * Options of ./dialright up (its {@code heap_options}): full tiered compilation, and a fixed heap for the two on
     * the path of every ringing phone (contact-service 1 GB, the gateway 512 MB), at most 256 MB for the others.
     * Benchmarks measure this.
     */
    static List<String> dialrightUpJavaOptions(String module) {
        return switch (module) {
            case "contact-service" -> List.of("-Xms1g", "-Xmx1g");
            case "gateway" -> List.of("-Xms512m", "-Xmx512m");
            default -> List.of("-Xmx256m");
        };
    }

    static ServiceProcess start(Path root, String module, int port, Map<String, String> environment) {
        return start(root, module, port, environment, TEST_JAVA_OPTIONS);
    }

    static ServiceProcess start(Path root, String module, int port, Map<String, String> environment,
                                List<String> javaOptions) {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw install)");
        }
        try {
            // One file per service for the whole test run: each start appends under a line saying when, so the
            // logs of an earlier test class are still there when a later one is read after a failure.
            Path log = root.resolve("system-tests/target/service-logs/" + module + ".log");
            Files.createDirectories(log.getParent());
            markStart(log, module, "started");
            List<String> command = new ArrayList<>();
            command.add("java");
            command.addAll(javaOptions);
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            return new ServiceProcess(module, port, log, builder);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + module, e);
        }
    }

    /** The line above each start's output in the log: where {@link #linesOfThisRun()} begin. */
    private static void markStart(Path log, String module, String how) throws IOException {
        Files.writeString(log, START_MARK + module + " " + how + " " + Instant.now() + " ====\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    String name() {
        return name;
    }

    /** The service's JVM's process id, e.g. to ask it how long its JIT compilers worked. */
    long pid() {
        return process.pid();
    }

    /** The service's JVM, e.g. to read the CPU time it used. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits until {@code /q/health/ready} answers 200; if the process dies first, fails with what its log says. */
    void awaitReady(Duration timeout) {
        Awaitility.await(name + " ready (log: " + log + ")").atMost(timeout).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        List<String> run = linesOfThisRun();
                        List<String> tail = run.subList(Math.max(0, run.size() - LOG_TAIL_LINES), run.size());
                        throw new IllegalStateException(name + " exited with " + process.exitValue() + ": "
                                + lastError(run) + "; see " + log + ", which ends:\n" + String.join("\n", tail));
                    }
                    return ready();
                });
    }

    /**
     * What the current process wrote to the log, for the failure message: CI keeps the build's output, not the
     * service logs of a clean clone. Services log no phone number unmasked, so the lines may be shown anywhere.
     */
    private List<String> linesOfThisRun() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            int start = lines.size();
            while (start > 0 && !lines.get(start - 1).startsWith(START_MARK)) {
                start--;
            }
            return lines.subList(start, lines.size());
        } catch (IOException | UncheckedIOException e) {
            return List.of("(the log could not be read: " + e + ")");
        }
    }

    /**
     * The last ERROR line, else the last line: a test report's summary shows only the first line of the message,
     * and this is the one most likely to say why.
     */
    private static String lastError(List<String> lines) {
        List<String> written = lines.stream().filter(line -> !line.isBlank()).toList();
        return written.stream().filter(line -> line.contains("ERROR")).reduce((first, second) -> second)
                .or(() -> written.stream().reduce((first, second) -> second))
                .map(String::strip).orElse("it wrote nothing");
    }

    /**
     * From the process's start to its first ready answer (polled every 100 ms), or null while it is not ready. Its
     * own watcher takes the time: a suite awaits its services one after the other, which would credit a fast
     * service with the wait for a slower one started before it.
     */
    Duration readyAfter() {
        return readyAfter;
    }

    private void watchUntilReady() {
        Thread watcher = new Thread(() -> {
            while (process.isAlive() && !ready()) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (process.isAlive()) {
                readyAfter = Duration.ofNanos(System.nanoTime() - startedNanos);
            }
        }, name + "-ready-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private boolean ready() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * SIGKILL, as a crash or the kernel's OOM killer ends a JVM: no shutdown hook runs, nothing is flushed, open
     * transactions and connections are cut. Returns once the process is gone.
     */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " survived SIGKILL for 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the service again with the same command, port and environment; the log continues in the same file.
     * Call {@link #awaitReady(Duration)} to wait for it.
     */
    void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running: kill() or close() it first");
        }
        try {
            markStart(log, name, "restarted");
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not restart " + name, e);
        }
    }

    /** SIGTERM, then SIGKILL if the service has not stopped within 15 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
