package io.dialright.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.restassured.path.json.JsonPath;

/** The contacts the system benchmarks load: their numbers, how people write them, and their import. */
final class BenchContacts {

    /** The operators' codes of the loaded numbers; a benchmark's new numbers use other codes. */
    static final int[] MOBILE_CODES = {903, 905, 906, 909, 915, 916, 917, 925, 926, 977, 985};

    /** What an import through the gateway took: POST → COMPLETED, the file's size and the finished job. */
    record Imported(double seconds, int csvBytes, JsonPath job) {
    }

    private BenchContacts() {
    }

    /** {@code count} distinct valid Russian mobile numbers in E.164, spread over {@link #MOBILE_CODES}. */
    static List<String> numbers(int count) {
        List<String> numbers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int code = MOBILE_CODES[i % MOBILE_CODES.length];
            // 7919 is coprime to 10^7, so i -> i * 7919 mod 10^7 never repeats a subscriber number within a code.
            long subscriber = (long) (i / MOBILE_CODES.length) * 7919 % 10_000_000;
            numbers.add(String.format(Locale.ROOT, "+7%d%07d", code, subscriber));
        }
        return numbers;
    }

    /** {@code +7 903 123 45 67}: how a telephony platform or a person might send it. */
    static String spaced(String e164) {
        return "+7 " + e164.substring(2, 5) + " " + e164.substring(5, 8) + " " + e164.substring(8, 10) + " "
                + e164.substring(10);
    }

    /** {@code 8 (903) 123-45-67}: the other common Russian notation, for half of the import file. */
    static String domestic(String e164) {
        return "8 (" + e164.substring(2, 5) + ") " + e164.substring(5, 8) + "-" + e164.substring(8, 10) + "-"
                + e164.substring(10);
    }

    /**
     * Imports the numbers as contacts named {@code "<name> <n>"} through the gateway (CSV, half of the numbers
     * spaced, half domestic) and waits until the job has imported every one.
     */
    static Imported importThroughGateway(String gateway, String supervisorToken, String name, List<String> numbers)
            throws Exception {
        StringBuilder csv = new StringBuilder("name,phone\n");
        for (int i = 0; i < numbers.size(); i++) {
            String number = numbers.get(i);
            csv.append(name).append(' ').append(i + 1).append(',')
                    .append(i % 2 == 0 ? spaced(number) : domestic(number)).append('\n');
        }
        byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long start = System.nanoTime();
        HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/imports"))
                .header("Authorization", "Bearer " + supervisorToken).header("Content-Type", "text/csv")
                .header("X-File-Name", "bench-contacts.csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String id = JsonPath.from(submitted.body()).getString("id");
        JsonPath[] job = new JsonPath[1];
        await("import " + id).atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> polled = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/imports/" + id))
                    .header("Authorization", "Bearer " + supervisorToken).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(polled.statusCode()).as(polled.body()).isEqualTo(200);
            job[0] = JsonPath.from(polled.body());
            assertThat(job[0].getString("status")).as(polled.body()).isNotEqualTo("FAILED");
            return "COMPLETED".equals(job[0].getString("status"));
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(job[0].getLong("imported")).as("every contact imported: " + job[0].prettify())
                .isEqualTo(numbers.size());
        return new Imported(seconds, body.length, job[0]);
    }
}
