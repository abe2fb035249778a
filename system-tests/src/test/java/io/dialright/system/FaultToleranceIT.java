package io.dialright.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventCodec;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.EventHeaders;
import io.dialright.platform.events.Topics;
import io.dialright.platform.kafka.KafkaClients;
import io.dialright.testsupport.TestTokens;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults on the real suite: the broker stopped for 30 s, a service killed with SIGKILL in the middle of a stream, and
 * PostgreSQL restarted under load. Each test restores what it broke, so they share one suite; each prints its
 * figures on a line starting with {@code FAULT}.
 */
class FaultToleranceIT {

    private static final Duration BROKER_OUTAGE = Duration.ofSeconds(30);
    private static final Duration DATABASE_OUTAGE = Duration.ofSeconds(10);
    private static final String STOP_LIST_GROUP = "dialer-service.stop-list-projection";
    private static final String TELEPHONY_GROUP = "dialer-service.telephony-call-events";
    private static final String CALL_HISTORY_GROUP = "contact-service.call-history";

    private static LocalSuite suite;
    private static ServiceDatabase consentDb;
    private static ServiceDatabase dialerDb;
    private static ServiceDatabase contactDb;
    private static ServiceDatabase auditDb;
    private static String operator;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = new LocalSuite();
        consentDb = new ServiceDatabase(suite.postgres, "consent");
        dialerDb = new ServiceDatabase(suite.postgres, "dialer");
        contactDb = new ServiceDatabase(suite.postgres, "contact");
        auditDb = new ServiceDatabase(suite.postgres, "audit");
        operator = TestTokens.token("operator-7", "operator", "team-a");
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    /**
     * Opt-outs must be accepted while Kafka is away (the number is blocked by consent-service from the 201 on) and
     * reach the dialer once it is back: nothing lost, nothing applied twice.
     */
    @Test
    void optOutsAnsweredDuringABrokerOutageAllReachTheDialerExactlyOnceAfterIt() throws Exception {
        List<String> numbers = numbers("+7912", 1_000);
        String[] hashes = hashes(numbers);
        ConsumerMetrics before = ConsumerMetrics.of(suite.dialer, STOP_LIST_GROUP);

        long stopped = System.nanoTime();
        suite.broker.stop();
        List<TimedAnswer> answers;
        try {
            answers = inParallel(numbers, 8, FaultToleranceIT::optOut);
            assertThat(answers).extracting(TimedAnswer::status).containsOnly(201);
            // Recorded and waiting in consent-service's outbox; nothing can have reached the dialer.
            assertThat(unpublishedOptOuts(hashes)).isEqualTo(numbers.size());
            assertThat(inDialerProjection(hashes)).isZero();
            holdUntil(stopped + BROKER_OUTAGE.toNanos());
        } finally {
            suite.broker.start();
        }
        long restarted = System.nanoTime();
        await("every opt-out in the dialer's projection").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> inDialerProjection(hashes) == numbers.size());
        double propagation = (System.nanoTime() - restarted) / 1e9;

        assertThat(unpublishedOptOuts(hashes)).isZero();
        ConsumerMetrics applied = appliedExactlyOnce(hashes, before);
        System.out.printf(Locale.ROOT, "FAULT broker outage %.1f s: %d/%d opt-outs answered 201 during it, latency "
                        + "p50 %d ms, p99 %d ms; all %d in the dialer's projection %.1f s after the broker's restart; "
                        + "dialer applied %d, recognised %d redeliveries as duplicates, parked %d%n",
                (restarted - stopped) / 1e9, answers.stream().filter(a -> a.status() == 201).count(), answers.size(),
                percentile(answers, 0.50), percentile(answers, 0.99), numbers.size(), propagation,
                applied.applied(), applied.duplicates(), applied.parked());
    }

    /**
     * The dialer killed with SIGKILL while it consumes a stream of call events from the telephony topic (and
     * publishes a {@code CallCompleted} for each): after its restart every call event is applied exactly once and
     * every {@code CallCompleted} it committed reaches its consumers.
     */
    @Test
    void aDialerKilledMidStreamAppliesEveryCallEventExactlyOnceAfterItsRestart() throws Exception {
        int total = 2_000;
        String run = "kill-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> numbers = numbers("+7913", total);
        ExecutorService publisher = Executors.newSingleThreadExecutor();
        long killed;
        long ready;
        long unpublishedAtKill;
        long appliedAtKill;
        ConsumerMetrics afterRestart;
        try {
            // About 400 events a second, as a busy telephony platform reports them.
            Future<?> publishing = publisher.submit(() -> {
                publishCallEvents(run, numbers, Duration.ofMillis(5).dividedBy(2));
                return null;
            });
            await("half the stream applied").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> callEvents(run) >= total / 2);
            suite.dialer.kill();
            killed = System.nanoTime();
            appliedAtKill = callEvents(run);
            unpublishedAtKill = dialerDb.count("SELECT count(*) FROM outbox_event WHERE parked_at IS NULL "
                    + "AND event_type = 'CallCompleted'");
            suite.dialer.restart();
            suite.dialer.awaitReady(Duration.ofSeconds(120));
            ready = System.nanoTime();
            publishing.get(60, TimeUnit.SECONDS);
            await("every call event applied after the restart").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> callEvents(run) == total);
        } finally {
            publisher.shutdownNow();
            restartIfDead(suite.dialer);
        }
        double applyingAgain = (System.nanoTime() - ready) / 1e9;

        assertThat(dialerDb.count("SELECT count(DISTINCT event_id) FROM call_event WHERE call_id LIKE ?", run + "%"))
                .isEqualTo(total);
        // The effect of each call event, its CallCompleted, was published once per call: a relay that sends again
        // after the kill repeats the same event, never a second one.
        Map<String, String> completed = new TreeMap<>();
        await("a CallCompleted published for every call").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, List<String>> published = callsCompleted(run);
            assertThat(published).hasSize(total).allSatisfy((call, ids) -> assertThat(ids).hasSize(1));
            published.forEach((call, ids) -> completed.put(call, ids.get(0)));
        });
        // Those committed before the kill but not yet published went out after the restart, and were consumed.
        await("every CallCompleted published and consumed by contact-service").atMost(Duration.ofSeconds(60))
                .until(() -> processed(contactDb, CALL_HISTORY_GROUP, completed.values()) == total);
        afterRestart = ConsumerMetrics.of(suite.dialer, TELEPHONY_GROUP);
        // At most what was missing at the kill: a commit already on its way when the process died may land after
        // the count was read. Exactly-once itself is proven by the distinct rows above.
        assertThat(afterRestart.applied()).isPositive().isLessThanOrEqualTo(total - appliedAtKill);
        assertThat(afterRestart.parked()).isZero();
        System.out.printf(Locale.ROOT, "FAULT dialer SIGKILL mid-stream: killed with %d/%d call events applied and "
                        + "%d CallCompleted committed but unpublished; ready again %.1f s after the kill; all %d "
                        + "applied %.1f s after that; after the restart it applied %d and recognised %d redeliveries "
                        + "as duplicates; %d CallCompleted, one per call, all published and consumed%n",
                appliedAtKill, total, unpublishedAtKill, (ready - killed) / 1e9, total, applyingAgain,
                afterRestart.applied(), afterRestart.duplicates(), completed.size());
    }

    /**
     * consent-service killed with SIGKILL while opt-outs stream in and its relay cannot publish (broker away): the
     * opt-outs it committed are in its outbox only; after the broker and the service are back every one of them
     * reaches the dialer, once.
     */
    @Test
    void optOutsCommittedButUnpublishedWhenConsentServiceIsKilledReachTheDialerAfterItsRestart() throws Exception {
        List<String> numbers = numbers("+7914", 600);
        String[] hashes = hashes(numbers);
        ConsumerMetrics before = ConsumerMetrics.of(suite.dialer, STOP_LIST_GROUP);
        List<TimedAnswer> answers;
        long committedAtKill;
        long restarted;
        suite.broker.stop();
        try (SteadyLoad optOuts = new SteadyLoad(n -> optOut(numbers.get(n % numbers.size())), 4, 20)) {
            await("a stream of opt-outs answered").atMost(Duration.ofSeconds(60))
                    .until(() -> optOuts.answers().stream().filter(TimedAnswer::succeeded).count() >= 200);
            suite.consent.kill();
            answers = optOuts.stop();
            committedAtKill = unpublishedOptOuts(hashes);
        } finally {
            suite.broker.start();
            restartIfDead(suite.consent);
        }
        restarted = System.nanoTime();
        Map<String, String> recorded = recordedOptOuts(hashes);
        await("every recorded opt-out in the dialer's projection").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> inDialerProjection(hashes) == recorded.size());
        double propagation = (System.nanoTime() - restarted) / 1e9;

        long answered201 = answers.stream().filter(a -> a.status() == 201).count();
        assertThat(committedAtKill).isEqualTo(recorded.size()).isGreaterThanOrEqualTo(answered201);
        ConsumerMetrics applied = appliedExactlyOnce(hashes, before);
        System.out.printf(Locale.ROOT, "FAULT consent-service SIGKILL with its outbox full: %d opt-outs answered 201 "
                        + "(%d requests cut by the kill), %d committed but unpublished at the kill; all %d in the "
                        + "dialer's projection %.1f s after the restarted service was ready; dialer applied %d, "
                        + "duplicates %d, parked %d%n",
                answered201, answers.stream().filter(a -> !a.succeeded()).count(), committedAtKill, recorded.size(),
                propagation, applied.applied(), applied.duplicates(), applied.parked());
    }

    /**
     * PostgreSQL stopped for 10 s and started again on the same port with the same data while decisions and
     * opt-outs flow: clients get a quick 503 problem with {@code Retry-After} during the outage, never a 500 or a
     * hang, and the services recover on their own.
     */
    @Test
    void requestsFailFastWith503WhilePostgresIsDownAndSucceedAgainWithoutARestart() throws Exception {
        List<String> numbers = numbers("+7915", 5_000);
        Map<String, Long> pids = new TreeMap<>();
        for (ServiceProcess service : List.of(suite.contact, suite.consent, suite.dialer, suite.audit)) {
            pids.put(service.name(), service.handle().pid());
        }
        long deadLettersBefore = deadLetters();
        long stopped;
        long restarted;
        List<TimedAnswer> decisions;
        List<TimedAnswer> optOuts;
        try (SteadyLoad asking = new SteadyLoad(n -> decision(numbers.get(n % numbers.size())), 2, 50);
             SteadyLoad optingOut = new SteadyLoad(n -> optOut(numbers.get(n % numbers.size())), 2, 50)) {
            await("steady load answered").atMost(Duration.ofSeconds(30))
                    .until(() -> asking.answers().size() + optingOut.answers().size() >= 100);
            stopped = System.nanoTime();
            suite.postgres.stop();
            try {
                holdUntil(stopped + DATABASE_OUTAGE.toNanos());
            } finally {
                suite.postgres.start();
            }
            restarted = System.nanoTime();
            await("decisions and opt-outs succeed again, 3 s in a row").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> succeedingFor(asking.answers(), restarted) && succeedingFor(optingOut.answers(),
                            restarted));
            decisions = asking.stop();
            optOuts = optingOut.stop();
        }
        List<TimedAnswer> all = new ArrayList<>(decisions);
        all.addAll(optOuts);
        List<TimedAnswer> failed = all.stream().filter(a -> !a.succeeded()).toList();
        Map<Integer, Long> statuses = failed.stream()
                .collect(Collectors.groupingBy(TimedAnswer::status, TreeMap::new, Collectors.counting()));
        double firstSuccess = all.stream().filter(a -> a.answeredNanos() > restarted && a.succeeded())
                .mapToDouble(a -> a.answeredSecondsAfter(restarted)).min().orElse(Double.NaN);
        double lastFailure = failed.stream().mapToDouble(a -> a.answeredSecondsAfter(restarted)).max()
                .orElse(Double.NaN);
        long before = all.stream().filter(a -> a.answeredNanos() < stopped).count();
        System.out.printf(Locale.ROOT, "FAULT PostgreSQL down %.1f s under load: %d requests (%d before the stop), "
                        + "%d failed %s, failure latency p50 %d ms, p99 %d ms, max %d ms; %d of them problem+json, %d "
                        + "with Retry-After; first success %.1f s and last failure %.1f s after PostgreSQL's restart "
                        + "(negative: before it); "
                        + "no service restarted%n",
                (restarted - stopped) / 1e9, all.size(), before, failed.size(), statuses, percentile(failed, 0.5),
                percentile(failed, 0.99), percentile(failed, 1.0),
                failed.stream().filter(a -> a.contentType() != null
                        && a.contentType().startsWith("application/problem+json")).count(),
                failed.stream().filter(a -> a.retryAfter() != null).count(), firstSuccess, lastFailure);

        assertThat(failed).as("requests refused during the outage").isNotEmpty();
        assertThat(statuses.keySet()).as("statuses of the refusals").containsOnly(503);
        assertThat(failed).allSatisfy(answer -> {
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.retryAfter()).isNotBlank();
        });
        assertThat(percentile(failed, 0.99)).as("p99 ms of a refusal").isLessThan(2_000);
        assertThat(lastFailure).as("seconds from PostgreSQL's restart to the last failure").isLessThan(15);
        for (ServiceProcess service : List.of(suite.contact, suite.consent, suite.dialer, suite.audit)) {
            assertThat(service.handle().pid()).as(service.name() + " not restarted")
                    .isEqualTo(pids.get(service.name()));
        }
        // Every opt-out consent-service recorded around the outage reaches the dialer, and no consumer of any service
        // gave up on a message because the database was away.
        String[] recorded = recordedOptOuts(hashes(numbers)).keySet().toArray(String[]::new);
        assertThat((long) recorded.length).isGreaterThanOrEqualTo(optOuts.stream().filter(a -> a.status() == 201)
                .count());
        await("recorded opt-outs in the dialer's projection").atMost(Duration.ofSeconds(60))
                .until(() -> inDialerProjection(recorded) == recorded.length);
        assertThat(deadLetters()).as("messages parked by the services' consumers").isEqualTo(deadLettersBefore);
    }

    // --- requests ---

    private static TimedAnswer optOut(String e164) {
        return TimedAnswer.send(HttpRequest.newBuilder(URI.create(suite.gateway.baseUrl() + "/api/opt-outs"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + operator)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"phone": "%s", "channel": "OPERATOR", "source": "fault test"}""".formatted(e164)))
                .build());
    }

    private static TimedAnswer decision(String e164) {
        return TimedAnswer.send(HttpRequest.newBuilder(URI.create(suite.gateway.baseUrl() + "/api/decisions?phone="
                        + URLEncoder.encode(e164, StandardCharsets.UTF_8) + "&purpose=ORDER_STATUS&channel=VOICE"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + operator)
                .GET().build());
    }

    /** Sends one request per item from {@code clients} threads at once and returns every answer. */
    private static List<TimedAnswer> inParallel(List<String> items, int clients,
                                                Function<String, TimedAnswer> request)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<TimedAnswer>> sent = new ArrayList<>();
            for (String item : items) {
                sent.add(pool.submit(() -> request.apply(item)));
            }
            List<TimedAnswer> answers = new ArrayList<>();
            for (Future<TimedAnswer> answer : sent) {
                answers.add(answer.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Publishes one completed call per number to the telephony topic, as a telephony platform does, one every
     * {@code pace}; each waits for the broker's acknowledgement.
     */
    private static void publishCallEvents(String run, List<String> numbers, Duration pace) throws Exception {
        Actor pbx = new Actor("pbx-1", "integration", null);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                KafkaClients.producerConfig(suite.broker.bootstrapServers(), "fault-test-pbx"))) {
            long next = System.nanoTime();
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < numbers.size(); i++) {
                Map<String, Object> call = new LinkedHashMap<>();
                call.put("eventId", UUID.randomUUID().toString());
                call.put("type", "CALL_COMPLETED");
                call.put("callId", run + i);
                call.put("phone", numbers.get(i));
                call.put("direction", "OUTBOUND");
                call.put("operatorId", "operator-7");
                call.put("outcome", "NO_ANSWER");
                call.put("occurredAt", Instant.now().minusSeconds(60).toString());
                EventEnvelope event = EventEnvelope.create("pbx-1", "CALL_COMPLETED", run + i, pbx, call);
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.TELEPHONY_CALL_EVENTS,
                        event.key(), EventCodec.encode(event));
                record.headers().add(EventHeaders.EVENT_ID, event.eventId().toString()
                        .getBytes(StandardCharsets.UTF_8));
                record.headers().add(EventHeaders.EVENT_TYPE, event.eventType().getBytes(StandardCharsets.UTF_8));
                sends.add(producer.send(record));
                next += pace.toNanos();
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    // Pacing the platform, not waiting for a result.
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            for (Future<?> send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
        }
    }

    // --- what the services stored ---

    private static long callEvents(String run) {
        return dialerDb.count("SELECT count(*) FROM call_event WHERE call_id LIKE ?", run + "%");
    }

    private static long inDialerProjection(String[] hashes) {
        return dialerDb.count("SELECT count(*) FROM stop_list_projection WHERE phone_hash = ANY(?)",
                (Object) hashes);
    }

    private static long unpublishedOptOuts(String[] hashes) {
        return consentDb.count("SELECT count(*) FROM outbox_event WHERE event_type = 'OptOutRecorded' "
                + "AND parked_at IS NULL AND message_key = ANY(?)", (Object) hashes);
    }

    /** The distinct ids of the CallCompleted events published for each call of the run, by call id. */
    private static Map<String, List<String>> callsCompleted(String run) {
        Map<String, List<String>> ids = new TreeMap<>();
        for (EventEnvelope event : PublishedEvents.on(suite.broker.bootstrapServers(), Topics.DIALER)) {
            String call = event.payload().path("callId").asText();
            if (event.eventType().equals("CallCompleted") && call.startsWith(run)) {
                List<String> callIds = ids.computeIfAbsent(call, key -> new ArrayList<>());
                if (!callIds.contains(event.eventId().toString())) {
                    callIds.add(event.eventId().toString());
                }
            }
        }
        return ids;
    }

    /** How many of {@code eventIds} the consumer group recorded as processed in the service's database. */
    private static long processed(ServiceDatabase database, String group, Collection<String> eventIds) {
        return database.count("SELECT count(*) FROM processed_event WHERE consumer_group = ? "
                + "AND event_id = ANY(?::uuid[])", group, eventIds.toArray(String[]::new));
    }

    /**
     * Each number's {@code OptOutRecorded} was applied by the dialer exactly once: its projection row names that
     * event, the event id is recorded as processed, and the handler ran once per event since {@code before}.
     */
    private static ConsumerMetrics appliedExactlyOnce(String[] hashes, ConsumerMetrics before) {
        Set<String> numbers = Set.of(hashes);
        Map<String, String> published = new TreeMap<>();
        for (EventEnvelope event : PublishedEvents.on(suite.broker.bootstrapServers(), Topics.CONSENTS)) {
            if (event.eventType().equals("OptOutRecorded") && numbers.contains(event.key())) {
                published.put(event.key(), event.eventId().toString());
            }
        }
        Map<String, String> sources = dialerDb.pairs("SELECT phone_hash, source_event_id::text "
                + "FROM stop_list_projection WHERE phone_hash = ANY(?)", (Object) hashes);
        assertThat(sources).isEqualTo(published);
        assertThat(processed(dialerDb, STOP_LIST_GROUP, published.values())).isEqualTo(published.size());
        await("the dialer's counters").atMost(Duration.ofSeconds(10))
                .until(() -> ConsumerMetrics.of(suite.dialer, STOP_LIST_GROUP).since(before).applied()
                        >= published.size());
        ConsumerMetrics applied = ConsumerMetrics.of(suite.dialer, STOP_LIST_GROUP).since(before);
        assertThat(applied.applied()).as("OptOutRecorded events the dialer applied").isEqualTo(published.size());
        assertThat(applied.parked()).isZero();
        return applied;
    }

    /** Messages parked by the consumers of the four services, all groups. */
    private static long deadLetters() {
        long parked = 0;
        for (ServiceDatabase database : List.of(contactDb, consentDb, dialerDb, auditDb)) {
            parked += database.count("SELECT count(*) FROM dead_letter");
        }
        return parked;
    }

    /** The numbers (blind indexes) among {@code hashes} on consent-service's stop list, with their entry ids. */
    private static Map<String, String> recordedOptOuts(String[] hashes) {
        return consentDb.pairs("SELECT phone_hash, id::text FROM stop_list_entry WHERE phone_hash = ANY(?) "
                + "AND removed_at IS NULL", (Object) hashes);
    }

    // --- helpers ---

    /** {@code count} distinct mobile numbers of one Russian operator prefix ({@code +7912} → +7912 000 00 00 …). */
    private static List<String> numbers(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format(Locale.ROOT, "%s%07d", prefix, i)).toList();
    }

    private static String[] hashes(List<String> numbers) {
        return numbers.stream().map(suite.blindIndex::of).toArray(String[]::new);
    }

    /** Whether every request of the last 3 s succeeded, there were some, and they all started after {@code since}. */
    private static boolean succeedingFor(List<TimedAnswer> answers, long since) {
        long windowStart = System.nanoTime() - TimeUnit.SECONDS.toNanos(3);
        List<TimedAnswer> recent = answers.stream().filter(a -> a.startedNanos() > windowStart).toList();
        return windowStart > since && !recent.isEmpty() && recent.stream().allMatch(TimedAnswer::succeeded);
    }

    private static void restartIfDead(ServiceProcess service) {
        if (!service.handle().isAlive()) {
            service.restart();
            service.awaitReady(Duration.ofSeconds(120));
        }
    }

    /** Keeps a fault in place until {@code deadlineNanos} (a nanoTime): the outage lasts as long as the issue asks. */
    private static void holdUntil(long deadlineNanos) throws InterruptedException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining > 0) {
            TimeUnit.NANOSECONDS.sleep(remaining);
        }
    }

    private static long percentile(List<TimedAnswer> answers, double p) {
        long[] sorted = answers.stream().mapToLong(TimedAnswer::millis).sorted().toArray();
        return sorted.length == 0 ? -1 : sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
