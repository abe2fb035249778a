package io.dialright.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.dialright.audit.chain.AuditChain;
import io.dialright.audit.chain.AuditTrail;
import io.dialright.audit.chain.ChainVerifier;
import io.dialright.audit.chain.ChainedEntry;
import io.dialright.localstack.BenchmarkFigures;
import io.dialright.localstack.Rows;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventCodec;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.Topics;
import io.dialright.platform.kafka.KafkaClients;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The audit issue's targets: sustained ingest from Kafka into the chain (≥ 5,000 entries/s) and verification of
 * 1,000,000 entries (≤ 10 s). Run alone, on a quiet machine:
 * {@code ./mvnw -B -pl audit-service verify -Dtest=AuditBenchmark -DexcludedGroups=none}; the figures are printed and
 * written to {@code audit-service/target/benchmarks/audit.txt}.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "audit"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
@QuarkusTestResource(CheckpointDirResource.class)
class AuditBenchmark {

    private static final int INGESTED = Integer.getInteger("bench.ingest", 50_000);
    private static final int VERIFIED = Integer.getInteger("bench.verify", 1_000_000);

    @Inject
    DataSource dataSource;

    @Inject
    ChainVerifier verifier;

    @Test
    void ingestAndVerify() throws Exception {
        double ingest = ingestFromKafka();
        long chained = appendDirectly(VERIFIED - INGESTED);
        long start = System.nanoTime();
        ChainVerifier.Verification verification;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            verification = verifier.verify(connection);
            connection.rollback();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String report = String.format(Locale.ROOT, """
                ingest from Kafka into the chain: %d AccessRecorded events, %.0f entries/s (target >= 5,000)
                verification: %d entries in %.1f s (target <= 10 s), valid=%s
                """, INGESTED, ingest, verification.checked(), seconds, verification.valid());
        System.out.println(report);
        Path out = Path.of("target", "benchmarks", "audit.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        new BenchmarkFigures("audit")
                .add("ingest_entries_per_s", String.format(Locale.ROOT, "sustained ingest from Kafka into the chain, "
                        + "alert rules on (%,d AccessRecorded)", INGESTED), ingest, "entries/s",
                        "ceilings.kafka_raw_events_per_s", ">= 5000")
                .add("verification_s", String.format(Locale.ROOT, "verification of %,d entries",
                        verification.checked()), seconds, "s", null, "<= 10")
                .write(out.getParent());
        assertThat(verification.valid()).isTrue();
        assertThat(verification.checked()).isEqualTo(chained);
    }

    /** Publishes the events as the services' relays would and times them into the chain: first send → last entry. */
    private double ingestFromKafka() throws InterruptedException {
        Rows rows = new Rows(dataSource);
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClients.producerConfig(
                KafkaResource.broker().bootstrapServers(), "bench-audit"))) {
            for (int i = 0; i < INGESTED; i++) {
                String operator = "operator-" + (i % 200);
                EventEnvelope event = EventEnvelope.create("contact-service", "AccessRecorded", operator,
                        new Actor(operator, "operator", "team-" + (i % 7)),
                        Map.of("action", "VIEW", "subjectKey", UUID.randomUUID().toString(), "requestId", "r-" + i));
                producer.send(new ProducerRecord<>(Topics.AUDIT, event.key(), EventCodec.encode(event)));
            }
        }
        // The head's seq is the number of entries (the database is fresh): a cheap poll that does not compete.
        while (rows.count("SELECT seq FROM audit_chain_head") < INGESTED) {
            Thread.sleep(20);
        }
        return INGESTED / ((System.nanoTime() - start) / 1e9);
    }

    /** Extends the chain with COPY, computing each link as the trail does: the fastest way to a long chain. */
    private long appendDirectly(int count) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            long seq;
            byte[] previous;
            try (ResultSet head = sql.executeQuery("SELECT seq, entry_hash FROM audit_chain_head FOR UPDATE")) {
                head.next();
                seq = head.getLong(1);
                previous = head.getBytes(2);
            }
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY audit_entry (seq, "
                    + "event_id, occurred_at_micros, recorded_at_micros, producer, action, actor_subject, actor_role, "
                    + "actor_team, subject_key, subject_hash, request_id, source_ip, details, prev_hash, entry_hash) "
                    + "FROM STDIN");
            StringBuilder rows = new StringBuilder();
            long micros = AuditTrail.micros(Instant.now());
            for (int i = 0; i < count; i++) {
                seq++;
                ChainedEntry entry = new ChainedEntry(seq, UUID.randomUUID(), micros + i, micros + i,
                        "bench", "VIEW", "operator-" + (i % 200), "operator", "team-1", "c-" + i, null,
                        "r-" + i, "127.0.0.1", "{\"action\":\"VIEW\"}");
                byte[] hash = AuditChain.hash(previous, entry);
                rows.append(seq).append('\t').append(entry.eventId()).append('\t').append(micros + i).append('\t')
                        .append(micros + i).append("\tbench\tVIEW\t").append(entry.actorSubject())
                        .append("\toperator\tteam-1\t").append(entry.subjectKey()).append("\t\\N\tr-").append(i)
                        .append("\t127.0.0.1\t{\"action\":\"VIEW\"}\t\\\\x").append(HexFormat.of().formatHex(previous))
                        .append("\t\\\\x").append(HexFormat.of().formatHex(hash)).append('\n');
                previous = hash;
                if (rows.length() > 1 << 20 || i == count - 1) {
                    byte[] chunk = rows.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(chunk, 0, chunk.length);
                    rows.setLength(0);
                }
            }
            copy.endCopy();
            try (PreparedStatement advance = connection.prepareStatement(
                    "UPDATE audit_chain_head SET seq = ?, entry_hash = ?")) {
                advance.setLong(1, seq);
                advance.setBytes(2, previous);
                advance.executeUpdate();
            }
            connection.commit();
            return seq;
        }
    }
}
