package io.dialright.system;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The answers to bad input, judged as they arrive (from many threads): never a 5xx; a client error is one of the
 * statuses of bad input, as {@code application/problem+json} with {@code status}, {@code title} and {@code detail},
 * and does not repeat the number it refuses; a success is well-formed JSON. Every breach is kept with what was sent,
 * so one run lists them all; the statuses are counted per endpoint for the run's report.
 */
final class Answers {

    /**
     * The statuses of bad input in API.md, 404 for the random ids the requests name and 414 for a query too long
     * for the services (the gateway's own answer).
     */
    static final Set<Integer> BAD_INPUT_STATUSES = Set.of(400, 404, 409, 413, 414, 415, 422);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_SHOWN = 100;

    private final Map<String, Map<Integer, AtomicLong>> statuses = new ConcurrentHashMap<>();
    private final List<String> violations = new ArrayList<>();

    /**
     * @param endpoint   method and path template, e.g. {@code POST /api/opt-outs}
     * @param input      what was wrong with the request, as a failure names it (escaped here)
     * @param neverEchoed the phone numbers sent, which a refusal must not repeat
     * @param expected   the only acceptable status, or 0 for any success or status of bad input
     */
    void judge(String endpoint, String input, HttpResponse<byte[]> response, List<String> neverEchoed,
               int expected) {
        int status = response.statusCode();
        statuses.computeIfAbsent(endpoint, key -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, key -> new AtomicLong()).incrementAndGet();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        String body = new String(response.body(), StandardCharsets.UTF_8);
        String defect = defect(status, contentType, body, response.body().length, neverEchoed, expected);
        if (defect != null) {
            breach(status, endpoint, input, defect, body);
        }
    }

    /** What is wrong with the answer, or {@code null} if nothing is. */
    private static String defect(int status, String contentType, String body, int length,
                                 List<String> neverEchoed, int expected) {
        if (expected != 0 && status != expected) {
            return "expected " + expected;
        }
        if (status >= 500) {
            return "server error";
        }
        if (status >= 400) {
            String problem = problemDefect(status, contentType, body);
            if (problem != null) {
                return problem;
            }
            if (!BAD_INPUT_STATUSES.contains(status)) {
                return "not a status of bad input";
            }
            if (neverEchoed.stream().anyMatch(number -> echoes(body, number))) {
                return "the refusal repeats the number";
            }
            return null;
        }
        if (status < 200 || status >= 300) {
            return "neither a success nor an error";
        }
        if (length > 0 && (!contentType.contains("json") || !isJson(body))) {
            return "success that is not JSON (" + contentType + ")";
        }
        return null;
    }

    /** A request that got no answer: the connection broke or the answer did not come in time (a hang). */
    void noAnswer(String endpoint, String input, Throwable failure) {
        statuses.computeIfAbsent(endpoint, key -> new ConcurrentHashMap<>())
                .computeIfAbsent(0, key -> new AtomicLong()).incrementAndGet();
        breach(0, endpoint, input, "no answer: " + failure, "");
    }

    /** Why the body is not a problem a person can act on, or {@code null} if it is. */
    private static String problemDefect(int status, String contentType, String body) {
        if (!contentType.startsWith("application/problem+json")) {
            return "error that is not problem+json (Content-Type '" + contentType + "')";
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (IOException e) {
            return "problem+json that does not parse";
        }
        if (problem == null || problem.path("status").asInt() != status || problem.path("title").asText().isBlank()
                || problem.path("detail").asText().isBlank()) {
            return "problem without a matching status, a title and a detail";
        }
        return null;
    }

    /** Whether a refusal repeats a number it was sent (a real customer's, maybe); short inputs cannot be told apart. */
    private static boolean echoes(String body, String number) {
        String stripped = number.strip();
        return stripped.chars().filter(c -> c >= '0' && c <= '9').count() >= 7 && body.contains(stripped);
    }

    private static boolean isJson(String body) {
        try {
            JSON.readTree(body);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private synchronized void breach(int status, String endpoint, String input, String what, String body) {
        violations.add(status + " " + endpoint + " <- " + escape(input, 120) + ": " + what + " | " + escape(body, 300));
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /** The first breaches, one a line, and how many there are in all. */
    synchronized String report() {
        StringBuilder report = new StringBuilder(violations.size() + " answers broke the rules of bad input:\n");
        violations.stream().limit(MAX_SHOWN).forEach(violation -> report.append("  ").append(violation).append('\n'));
        if (violations.size() > MAX_SHOWN) {
            report.append("  ... and ").append(violations.size() - MAX_SHOWN).append(" more\n");
        }
        return report.toString();
    }

    long requests() {
        return statuses.values().stream().flatMap(counts -> counts.values().stream()).mapToLong(AtomicLong::get).sum();
    }

    /** Status → count over every endpoint (0 = no answer). */
    SortedMap<Integer, Long> histogram() {
        SortedMap<Integer, Long> histogram = new TreeMap<>();
        statuses.values().forEach(counts -> counts.forEach((status, count) ->
                histogram.merge(status, count.get(), Long::sum)));
        return histogram;
    }

    /** Endpoint → status → count, sorted, for the log. */
    SortedMap<String, SortedMap<Integer, Long>> perEndpoint() {
        SortedMap<String, SortedMap<Integer, Long>> table = new TreeMap<>();
        statuses.forEach((endpoint, counts) -> {
            SortedMap<Integer, Long> row = new TreeMap<>();
            counts.forEach((status, count) -> row.put(status, count.get()));
            table.put(endpoint, row);
        });
        return table;
    }

    /** Printable ASCII as it is, everything else as a Java escape, cut to about {@code max} characters. */
    static String escape(String text, int max) {
        StringBuilder escaped = new StringBuilder("\"");
        int i = 0;
        for (; i < text.length() && escaped.length() < max; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7F) {
                escaped.append(c);
            } else {
                escaped.append(String.format("\\u%04X", (int) c));
            }
        }
        escaped.append('"');
        if (i < text.length()) {
            escaped.append("... (").append(text.length()).append(" chars)");
        }
        return escaped.toString();
    }
}
