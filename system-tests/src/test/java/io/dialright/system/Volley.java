package io.dialright.system;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Many requests sent by a small pool of threads, each answer handed to {@link Answers} as it arrives. A request
 * without an answer within {@link #ANSWER_TIMEOUT} counts as a hang.
 */
final class Volley implements AutoCloseable {

    /** Longer than the gateway's read timeout (30 s), so a hang behind the gateway shows as its 504, not as ours. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(40);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService threads;
    private final Answers answers;
    private final List<Future<?>> pending = new ArrayList<>();

    Volley(int threads, Answers answers) {
        this.threads = Executors.newFixedThreadPool(threads);
        this.answers = answers;
    }

    /**
     * @param request built without a timeout; the volley sets {@link #ANSWER_TIMEOUT}
     * @see Answers#judge
     */
    void send(String endpoint, String input, HttpRequest.Builder request, List<String> neverEchoed, int expected) {
        HttpRequest timed = request.timeout(ANSWER_TIMEOUT).build();
        pending.add(threads.submit(() -> {
            try {
                answers.judge(endpoint, input, client.send(timed, HttpResponse.BodyHandlers.ofByteArray()),
                        neverEchoed, expected);
            } catch (IOException e) {
                answers.noAnswer(endpoint, input, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
    }

    /** Waits until every request sent so far has its answer judged. */
    void awaitAnswers() throws InterruptedException, ExecutionException {
        for (Future<?> request : pending) {
            request.get();
        }
        pending.clear();
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
