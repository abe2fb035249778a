package io.dialright.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A consumer group's counters as a service publishes them at {@code /q/metrics} (platform's ConsumerWorkers):
 * events applied for the first time, redeliveries recognised as duplicates, messages parked. They count since the
 * service's JVM started.
 */
record ConsumerMetrics(long applied, long duplicates, long parked) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static ConsumerMetrics of(ServiceProcess service, String group) {
        try {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            return new ConsumerMetrics(counter(metrics, "dialright_consumer_applied_total", group),
                    counter(metrics, "dialright_consumer_duplicates_total", group),
                    counter(metrics, "dialright_consumer_parked_total", group));
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the metrics of " + service.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What happened between {@code earlier} and this reading of the same JVM. */
    ConsumerMetrics since(ConsumerMetrics earlier) {
        return new ConsumerMetrics(applied - earlier.applied, duplicates - earlier.duplicates,
                parked - earlier.parked);
    }

    private static long counter(String metrics, String name, String group) {
        String label = "group=\"" + group + "\"";
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{") && line.contains(label))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No " + name + " for " + group + " at /q/metrics"));
    }
}
