package io.dialright.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.dialright.audit.chain.AuditChain;
import io.dialright.audit.chain.AuditTrail;
import io.dialright.audit.chain.ChainedEntry;
import io.dialright.audit.chain.CheckpointJob;
import io.dialright.audit.config.AuditConfig;
import io.dialright.localstack.Rows;
import io.dialright.platform.consumer.JtaTransactionRunner;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.dialright.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chain is tampered with as a database superuser would (triggers switched off for the session), the verifier
 * must name the first broken entry, and every test puts the rows back so the chain is whole again afterwards.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "audit"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
@QuarkusTestResource(CheckpointDirResource.class)
class ChainVerificationTest {

    @Inject
    AuditTrail trail;

    @Inject
    JtaTransactionRunner transactions;

    @Inject
    DataSource dataSource;

    @Inject
    CheckpointJob checkpoints;

    @Inject
    AuditConfig config;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @BeforeEach
    void atLeastTwentyEntries() throws Exception {
        for (int i = 0; i < 20; i++) {
            append("setup");
        }
    }

    @Test
    void thousandConcurrentAppendsFormOneContiguousValidChain() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        append("concurrent");
                    }
                    return null;
                }));
            }
            for (Future<Object> writer : done) {
                writer.get();
            }
        } finally {
            writers.shutdown();
        }

        Rows rows = new Rows(dataSource);
        assertThat(rows.count("SELECT count(*) FROM audit_entry WHERE action = 'concurrent'")).isEqualTo(1000);
        assertThat(rows.count("SELECT max(seq) FROM audit_entry"))
                .isEqualTo(rows.count("SELECT count(*) FROM audit_entry"));
        verify().body("valid", equalTo(true)).body("checked", greaterThanOrEqualTo(1020));
    }

    @Test
    void changedContentIsReportedAtItsSequenceNumber() throws Exception {
        long seq = middleSeq();
        tamper(seq, "UPDATE audit_entry SET details = '{\"action\":\"VIEW\"}' WHERE seq = " + seq,
                "UPDATE audit_entry SET details = saved.details FROM saved WHERE audit_entry.seq = saved.seq",
                "entry content was changed");
    }

    @Test
    void deletedEntryIsReportedAsMissing() throws Exception {
        long seq = middleSeq();
        tamper(seq, "DELETE FROM audit_entry WHERE seq = " + seq, "INSERT INTO audit_entry SELECT * FROM saved",
                "entry " + seq + " is missing");
    }

    @Test
    void swappedEntriesAreReported() throws Exception {
        long seq = middleSeq();
        try (Connection superuser = superuser(); Statement sql = superuser.createStatement()) {
            sql.execute("CREATE TEMP TABLE saved AS SELECT * FROM audit_entry WHERE seq IN (" + seq + ", "
                    + (seq + 1) + ")");
            sql.execute("UPDATE audit_entry AS a SET details = b.details, action = b.action, "
                    + "occurred_at_micros = b.occurred_at_micros, recorded_at_micros = b.recorded_at_micros, "
                    + "prev_hash = b.prev_hash, entry_hash = b.entry_hash "
                    + "FROM saved b WHERE a.seq + b.seq = " + (2 * seq + 1) + " AND a.seq <> b.seq");
            try {
                verifyBrokenAt(seq, "entry does not link to the entry before it");
            } finally {
                sql.execute("DELETE FROM audit_entry WHERE seq IN (SELECT seq FROM saved)");
                sql.execute("INSERT INTO audit_entry SELECT * FROM saved");
            }
        }
        verify().body("valid", equalTo(true));
    }

    @Test
    void truncatedTailIsReported() throws Exception {
        long last = new Rows(dataSource).count("SELECT max(seq) FROM audit_entry");
        try (Connection superuser = superuser(); Statement sql = superuser.createStatement()) {
            sql.execute("CREATE TEMP TABLE saved AS SELECT * FROM audit_entry WHERE seq > " + (last - 3));
            sql.execute("DELETE FROM audit_entry WHERE seq > " + (last - 3));
            try {
                verifyBrokenAt(last - 2, "entries after " + (last - 3) + " are missing");
            } finally {
                sql.execute("INSERT INTO audit_entry SELECT * FROM saved");
            }
        }
        verify().body("valid", equalTo(true));
    }

    @Test
    void recomputedChainIsCaughtByTheSignedCheckpoint() throws Exception {
        long head = checkpoints.checkpoint();
        long seq = middleSeq();
        try (Connection superuser = superuser(); Statement sql = superuser.createStatement()) {
            sql.execute("CREATE TEMP TABLE saved AS SELECT * FROM audit_entry WHERE seq >= " + seq);
            sql.execute("CREATE TEMP TABLE saved_head AS SELECT * FROM audit_chain_head");
            sql.execute("UPDATE audit_entry SET details = '{\"action\":\"NOTHING TO SEE\"}' WHERE seq = " + seq);
            recomputeFrom(superuser, seq);
            try {
                verify().body("valid", equalTo(false))
                        .body("firstBrokenSeq", lessThanOrEqualTo((int) seq))
                        .body("reason", containsString("was rewritten after checkpoint"));
            } finally {
                sql.execute("DELETE FROM audit_entry WHERE seq >= " + seq);
                sql.execute("INSERT INTO audit_entry SELECT * FROM saved");
                sql.execute("UPDATE audit_chain_head SET seq = s.seq, entry_hash = s.entry_hash FROM saved_head s");
            }
        }
        verify().body("valid", equalTo(true)).body("checked", greaterThanOrEqualTo((int) head));
    }

    @Test
    void truncationWithARewrittenHeadIsCaughtByTheSignedCheckpoint() throws Exception {
        long last = checkpoints.checkpoint();
        try (Connection superuser = superuser(); Statement sql = superuser.createStatement()) {
            sql.execute("CREATE TEMP TABLE saved AS SELECT * FROM audit_entry WHERE seq > " + (last - 3));
            sql.execute("CREATE TEMP TABLE saved_head AS SELECT * FROM audit_chain_head");
            sql.execute("DELETE FROM audit_entry WHERE seq > " + (last - 3));
            sql.execute("UPDATE audit_chain_head SET seq = e.seq, entry_hash = e.entry_hash FROM audit_entry e "
                    + "WHERE e.seq = " + (last - 3));
            try {
                verify().body("valid", equalTo(false))
                        .body("firstBrokenSeq", equalTo((int) last - 2))
                        .body("reason", containsString("checkpoint " + last + " was signed"));
            } finally {
                sql.execute("INSERT INTO audit_entry SELECT * FROM saved");
                sql.execute("UPDATE audit_chain_head SET seq = s.seq, entry_hash = s.entry_hash FROM saved_head s");
            }
        }
        verify().body("valid", equalTo(true));
    }

    @Test
    void alteredCheckpointIsReported() throws Exception {
        long last = checkpoints.checkpoint();
        Path log = config.checkpoints().dir().resolve("checkpoints.jsonl");
        String original = Files.readString(log);
        Files.writeString(log, original.replaceAll("\"entryHash\":\"[0-9a-f]{64}\"",
                "\"entryHash\":\"" + "0".repeat(64) + "\""));
        try {
            verify().body("valid", equalTo(false))
                    .body("reason", containsString("has an invalid signature"));
        } finally {
            Files.writeString(log, original);
        }
        verify().body("valid", equalTo(true)).body("checkpoints", greaterThanOrEqualTo(1));
        assertThat(last).isPositive();
    }

    @Test
    void theServiceRoleCannotUpdateDeleteOrTruncateEntries() {
        for (String statement : List.of("UPDATE audit_entry SET action = 'X'", "DELETE FROM audit_entry",
                "TRUNCATE audit_entry")) {
            assertThatThrownBy(() -> execute(dataSource.getConnection(), statement))
                    .as(statement).isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
        verify().body("valid", equalTo(true));
    }

    @Test
    void evenTheOwnerIsStoppedByTheAppendOnlyTrigger() {
        for (String statement : List.of("UPDATE audit_entry SET action = 'X'", "DELETE FROM audit_entry",
                "TRUNCATE audit_entry")) {
            assertThatThrownBy(() -> execute(DriverManager.getConnection(jdbcUrl, "postgres", ""), statement))
                    .as(statement).isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        verify().body("valid", equalTo(true));
    }

    @Test
    void operatorsMayNotVerify() {
        given().auth().oauth2(TestTokens.token("operator-1", "operator", "team-a"))
                .get("/api/audit/verify")
                .then().statusCode(403);
    }

    /** Applies {@code change} to row {@code seq} as a superuser, checks the verdict, and undoes the change. */
    private void tamper(long seq, String change, String undo, String reason) throws Exception {
        try (Connection superuser = superuser(); Statement sql = superuser.createStatement()) {
            sql.execute("CREATE TEMP TABLE saved AS SELECT * FROM audit_entry WHERE seq = " + seq);
            sql.execute(change);
            try {
                verifyBrokenAt(seq, reason);
            } finally {
                sql.execute(undo);
            }
        }
        verify().body("valid", equalTo(true));
    }

    private void verifyBrokenAt(long seq, String reason) {
        verify().body("valid", equalTo(false))
                .body("firstBrokenSeq", equalTo((int) seq))
                .body("reason", equalTo(reason));
    }

    /** What an attacker with the database but without the checkpoint key can do: make the chain consistent again. */
    private static void recomputeFrom(Connection superuser, long seq) throws SQLException {
        byte[] previous;
        try (Statement sql = superuser.createStatement();
             ResultSet row = sql.executeQuery("SELECT prev_hash FROM audit_entry WHERE seq = " + seq)) {
            row.next();
            previous = row.getBytes(1);
        }
        List<Object[]> rewritten = new ArrayList<>();
        try (Statement sql = superuser.createStatement();
             ResultSet row = sql.executeQuery("SELECT seq, event_id, occurred_at_micros, recorded_at_micros, "
                     + "producer, action, actor_subject, actor_role, actor_team, subject_key, subject_hash, request_id, "
                     + "source_ip, details FROM audit_entry WHERE seq >= " + seq + " ORDER BY seq")) {
            while (row.next()) {
                ChainedEntry entry = new ChainedEntry(row.getLong(1), row.getObject(2, UUID.class), row.getLong(3),
                        row.getLong(4), row.getString(5), row.getString(6), row.getString(7), row.getString(8),
                        row.getString(9), row.getString(10), row.getString(11), row.getString(12),
                        row.getString(13), row.getString(14));
                byte[] hash = AuditChain.hash(previous, entry);
                rewritten.add(new Object[] {entry.seq(), previous, hash});
                previous = hash;
            }
        }
        try (PreparedStatement update = superuser.prepareStatement(
                "UPDATE audit_entry SET prev_hash = ?, entry_hash = ? WHERE seq = ?");
             PreparedStatement head = superuser.prepareStatement(
                     "UPDATE audit_chain_head SET seq = ?, entry_hash = ?")) {
            for (Object[] link : rewritten) {
                update.setBytes(1, (byte[]) link[1]);
                update.setBytes(2, (byte[]) link[2]);
                update.setLong(3, (Long) link[0]);
                update.executeUpdate();
            }
            Object[] last = rewritten.get(rewritten.size() - 1);
            head.setLong(1, (Long) last[0]);
            head.setBytes(2, (byte[]) last[2]);
            head.executeUpdate();
        }
    }

    private static void execute(Connection connection, String statement) throws SQLException {
        try (connection; Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    private ValidatableResponse verify() {
        return given().auth().oauth2(TestTokens.token("dpo-1", "privacy-officer"))
                .get("/api/audit/verify")
                .then().statusCode(200);
    }

    private long middleSeq() {
        return new Rows(dataSource).count("SELECT max(seq) FROM audit_entry") / 2;
    }

    /** A superuser session with triggers switched off: what an attacker with database access can do. */
    private Connection superuser() throws SQLException {
        Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
        try (Statement sql = connection.createStatement()) {
            sql.execute("SET session_replication_role = replica");
        }
        return connection;
    }

    private void append(String action) throws Exception {
        transactions.inNewTransaction(connection -> trail.append(connection, new AuditTrail.NewEntry(
                UUID.randomUUID(), Instant.now(), "test", action, "operator-1", "operator", "team-a", null, null,
                "req-1", "127.0.0.1", "{\"action\":\"" + action + "\"}")));
    }
}
