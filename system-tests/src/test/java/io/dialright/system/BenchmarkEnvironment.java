package io.dialright.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** What a benchmark report says about where it ran and what it measured. */
final class BenchmarkEnvironment {

    private BenchmarkEnvironment() {
    }

    /** The machine, its load and the Java processes already running, and the warm-up/measure windows. */
    static String machine(Duration warmup, Duration measure) {
        String model = read("/proc/cpuinfo").lines().filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse("?");
        String memory = read("/proc/meminfo").lines().filter(line -> line.startsWith("MemTotal"))
                .map(line -> line.replaceAll("\\D+", "")).map(kb -> String.format(Locale.ROOT, "%.1f GiB",
                        Long.parseLong(kb) / 1024.0 / 1024.0)).findFirst().orElse("?");
        String load = read("/proc/loadavg").strip();
        String busy = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .filter(p -> p.pid() != ProcessHandle.current().pid()
                        && ProcessHandle.current().parent().map(parent -> parent.pid() != p.pid()).orElse(true))
                .map(p -> p.info().arguments().map(a -> String.join(" ", a)).orElse(""))
                .map(args -> args.length() > 100 ? args.substring(args.length() - 100) : args)
                .collect(Collectors.joining("\n    "));
        return String.format(Locale.ROOT, "Machine: %d cores (nproc), %s, %s RAM, %s %s, Java %s (%s)%n"
                        + "Load average before start: %s%nJava processes before start (Maven included): %s%n"
                        + "Services: packaged fast-jars, heaps as ./dialright up gives them (contact-service -Xms1g "
                        + "-Xmx1g, the gateway -Xms512m -Xmx512m, the others -Xmx256m), one embedded PostgreSQL 17 "
                        + "(fsync off, synchronous_commit off), in-JVM Kafka broker; warm-up %d s, measure %d s per row%n",
                Runtime.getRuntime().availableProcessors(), model, memory, System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), load, busy.isEmpty() ? "none" : "\n    " + busy,
                warmup.toSeconds(), measure.toSeconds());
    }

    /**
     * What was measured: the commit, local changes to the measured modules, and when their jars were packaged (the
     * working tree may be shared: build and benchmark under one lock to be sure the jars are the commit's).
     */
    static String code() {
        Path root = Path.of(System.getProperty("dialright.root", "..")).toAbsolutePath().normalize();
        StringBuilder text = new StringBuilder("Code: ");
        text.append(command(root, "git", "log", "-1", "--format=%h %ad %s", "--date=iso").strip()).append('\n');
        String changes = command(root, "git", "status", "--porcelain", "--", "contact-service", "gateway",
                "platform", "local-stack").strip();
        text.append("Local changes in contact-service, gateway, platform, local-stack: ")
                .append(changes.isEmpty() ? "none" : "\n" + changes).append('\n');
        for (String module : List.of("contact-service", "gateway")) {
            Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
            try {
                text.append(module).append(" jar packaged ").append(Files.getLastModifiedTime(jar)).append('\n');
            } catch (IOException e) {
                text.append(module).append(" jar: ").append(e.getMessage()).append('\n');
            }
        }
        return text.toString();
    }

    private static String command(Path directory, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }
}
