package io.dialright.contact.imports;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.dialright.contact.config.ContactConfig;
import io.dialright.contact.crypto.PhoneVault;
import io.dialright.platform.audit.AccessRecorder;
import io.dialright.platform.db.DatabaseOutage;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.Topics;
import io.dialright.platform.outbox.OutboxSignal;
import io.dialright.platform.outbox.OutboxStore;
import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;

/**
 * Runs import jobs in the background, one at a time per instance (an import keeps both cores busy). A job reads its
 * file as a stream, a batch at a time; each batch — its contacts, their events, the job's counters and rejections —
 * commits together, so a job interrupted by a crash resumes after its last committed batch when the service
 * starts again, and re-running the same file finds every number known and creates nothing.
 */
@ApplicationScoped
public class ImportRunner {

    private static final Logger LOG = Logger.getLogger(ImportRunner.class);
    /** Writes of one batch that may meet a deadlock or serialization conflict before the job stops. */
    private static final int CONFLICT_ATTEMPTS = 5;
    private static final int BATCHES_AHEAD = 2;

    private final DataSource dataSource;
    private final RowNormaliser normaliser;
    private final ImportBatchWriter writer;
    private final PhoneVault vault;
    private final OutboxSignal outboxSignal;
    private final ContactConfig.Imports config;
    private final Clock clock;
    private final OutboxStore outbox = new OutboxStore();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(daemon("contact-import"));
    private final ExecutorService preparer = Executors.newSingleThreadExecutor(daemon("contact-import-prepare"));
    /** Set at shutdown: a read that fails because its thread was interrupted says nothing about the file then. */
    private volatile boolean stopping;
    /** Batches prepared and not yet taken by the writing thread. */
    private final AtomicInteger preparedWaiting = new AtomicInteger();

    public ImportRunner(DataSource dataSource, RowNormaliser normaliser, ImportBatchWriter writer, PhoneVault vault,
                        OutboxSignal outboxSignal, ContactConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.normaliser = normaliser;
        this.writer = writer;
        this.vault = vault;
        this.outboxSignal = outboxSignal;
        this.config = config.imports();
        this.clock = clock;
    }

    /** Jobs left queued or running by a previous instance resume (or start) now. */
    void resumeUnfinished(@Observes StartupEvent startup) {
        try (Connection connection = dataSource.getConnection();
             var select = connection.prepareStatement(
                     "SELECT id FROM import_job WHERE status IN ('QUEUED', 'RUNNING') ORDER BY created_at");
             var rows = select.executeQuery()) {
            while (rows.next()) {
                submit(rows.getObject(1, UUID.class));
            }
        } catch (SQLException e) {
            LOG.warn("Could not look for unfinished imports; they resume at the next start", e);
        }
    }

    public void submit(UUID jobId) {
        executor.submit(() -> run(jobId));
    }

    @PreDestroy
    void stop() {
        stopping = true;
        executor.shutdownNow();
        preparer.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    void run(UUID jobId) {
        try (Connection connection = dataSource.getConnection()) {
            if (!ImportProgress.tryClaim(connection, jobId)) {
                return; // another instance runs it
            }
            try {
                runClaimed(connection, jobId);
            } finally {
                connection.setAutoCommit(true);
                ImportProgress.release(connection, jobId);
            }
        } catch (Exception e) {
            LOG.errorf(e, "Import %s stopped; it resumes after its last committed batch at the next start", jobId);
        }
    }

    private void runClaimed(Connection connection, UUID jobId) throws SQLException, IOException {
        ImportJob job = ImportProgress.load(connection, jobId);
        if (job == null || job.status == ImportJob.Status.COMPLETED || job.status == ImportJob.Status.FAILED) {
            return;
        }
        connection.setAutoCommit(false);
        Path file = Path.of(job.spoolPath);
        Charset charset = Charset.forName(job.charset);
        Actor actor = new Actor(job.requestedBy, job.requestedRole, job.team);
        ImportBatchWriter.Context context = new ImportBatchWriter.Context(jobId, job.team, actor,
                "contact-service");
        try {
            if (job.total == null) {
                ImportProgress.started(connection, jobId, countRecords(job.format, file, charset), clock.instant());
                connection.commit();
            }
            try (ImportReader reader = ImportReader.open(job.format, file, charset)) {
                for (long skipped = 0; skipped < job.processed && reader.next() != null; skipped++) {
                    // already committed by an earlier run of this job
                }
                // The next batches are read and prepared while this thread writes the current one; two ahead, so
                // that a batch that takes longer to prepare (or to write) does not leave the other side waiting.
                Deque<Future<PreparedBatch>> ahead = new ArrayDeque<>();
                try {
                    preparedWaiting.set(0);
                    for (int i = 0; i < BATCHES_AHEAD; i++) {
                        ahead.add(preparer.submit(() -> prepare(reader, context)));
                    }
                    while (true) {
                        PreparedBatch batch = await(ahead.remove());
                        preparedWaiting.decrementAndGet();
                        if (batch.size() == 0) {
                            break;
                        }
                        ahead.add(preparer.submit(() -> prepare(reader, context)));
                        writeBatch(connection, jobId, context, batch);
                    }
                } finally {
                    finishPreparing(ahead);
                }
            }
            ImportProgress.finished(connection, jobId, ImportJob.Status.COMPLETED, null, clock.instant());
            connection.commit();
            Files.deleteIfExists(file);
        } catch (InvalidImportFileException | CharacterCodingException e) {
            connection.rollback();
            if (stopping) {
                throw new IOException("Import interrupted by the service stopping", e);
            }
            String failure = e instanceof InvalidImportFileException ? e.getMessage() : "The file is not valid "
                    + charset + " text; name its encoding in Content-Type, e.g. 'text/csv; charset=windows-1251'.";
            ImportProgress.finished(connection, jobId, ImportJob.Status.FAILED, failure, clock.instant());
            connection.commit();
            Files.deleteIfExists(file);
        } catch (SQLException e) {
            if (stopping || isTransient(e)) {
                throw e; // the job resumes after its last committed batch at the next start
            }
            // The same batch would be refused at every retry: the job ends here instead of never finishing.
            connection.rollback();
            // Without the message: PostgreSQL may quote the value it refused.
            LOG.errorf("Import %s failed: PostgreSQL refused a batch (SQLSTATE %s)", jobId, e.getSQLState());
            ImportProgress.finished(connection, jobId, ImportJob.Status.FAILED, "PostgreSQL refused a batch "
                    + "(SQLSTATE " + e.getSQLState() + "): the records before that batch were imported, the rest "
                    + "were not. Every record it cannot store should have been rejected on its own; please report "
                    + "this with the job id.", clock.instant());
            connection.commit();
            Files.deleteIfExists(file);
        }
    }

    /**
     * A failure that trying again later can cure: the database out of reach, a conflict with another transaction
     * (serialization, deadlock, a lock not available), a cancelled statement. Anything else — a value or constraint
     * PostgreSQL refuses — would fail the same batch at every start.
     */
    private static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return DatabaseOutage.isCauseOf(e) || "40001".equals(state) || "40P01".equals(state)
                || "55P03".equals(state) || "57014".equals(state);
    }

    /** A batch ready to write: its record count, valid rows and rejections. */
    private record PreparedBatch(int size, List<PreparedRow> rows, List<ImportProgress.Rejection> rejections) {
    }

    /**
     * Reads the next batch and does its CPU work: parsing, hashing, sealing, encoding. On one thread while a prepared
     * batch is already waiting — the database is then the import's pace, and a second preparing thread would take the
     * core PostgreSQL needs (500,000 rows: 17,400 rows/s on one thread, 15,600 on both cores) — and on every core when
     * none is, as the writing thread would otherwise wait (a service just started, its code not compiled yet).
     */
    private PreparedBatch prepare(ImportReader reader, ImportBatchWriter.Context context) throws IOException {
        List<RawRow> batch = readBatch(reader);
        PreparedRow.Stamp stamp = new PreparedRow.Stamp(clock.instant());
        boolean behind = preparedWaiting.get() == 0;
        List<RowNormaliser.Outcome> outcomes = (behind ? batch.parallelStream() : batch.stream())
                .map(normaliser::normalise).toList();
        List<ImportProgress.Rejection> rejections = new ArrayList<>();
        List<RowNormaliser.NormalRow> valid = new ArrayList<>(outcomes.size());
        for (RowNormaliser.Outcome outcome : outcomes) {
            if (outcome.row() == null) {
                rejections.add(new ImportProgress.Rejection(outcome.line(), outcome.rejection()));
            } else {
                valid.add(outcome.row());
            }
        }
        List<PreparedRow> rows = (behind ? valid.parallelStream() : valid.stream())
                .map(row -> PreparedRow.of(row, context, vault, stamp)).toList();
        preparedWaiting.incrementAndGet();
        return new PreparedBatch(batch.size(), rows, rejections);
    }

    /**
     * Writes and commits one batch. A batch that lost a deadlock or a serialization conflict to another writer of its
     * numbers (a create, an erasure) was rolled back whole and is written again at once, a few times, rather than
     * leaving the job stopped until the next start.
     */
    private void writeBatch(Connection connection, UUID jobId, ImportBatchWriter.Context context,
                            PreparedBatch batch) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                ImportBatchWriter.Written written = writer.write(connection, context, batch.rows());
                List<ImportProgress.Rejection> rejections = new ArrayList<>(batch.rejections());
                rejections.addAll(written.rejections());
                ImportProgress.advance(connection, jobId, batch.size(), written.imported(), written.duplicates(),
                        rejections, config.maxErrorsKept());
                auditBatch(connection, jobId, context.actor(), written, rejections.size());
                connection.commit();
                break;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                boolean conflict = e instanceof SQLException sql
                        && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()));
                if (!conflict || attempt == CONFLICT_ATTEMPTS || stopping) {
                    throw e;
                }
                LOG.infof("Import %s: a batch met a concurrent writer (SQLSTATE %s) and is written again", jobId,
                        ((SQLException) e).getSQLState());
            }
        }
        outboxSignal.committed();
    }

    /** Waits for batches still being prepared, so that none reads the file after it is closed. */
    private static void finishPreparing(Deque<Future<PreparedBatch>> ahead) {
        for (Future<PreparedBatch> batch : ahead) {
            try {
                batch.get();
            } catch (ExecutionException | CancellationException unused) {
                // the batch is not written; the job stops or has ended anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static PreparedBatch await(Future<PreparedBatch> next) throws IOException {
        try {
            return next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Import interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    /** One {@code AccessRecorded} per batch: who created how many contacts, by which import. */
    private void auditBatch(Connection connection, UUID jobId, Actor actor, ImportBatchWriter.Written written,
                            int rejected) throws SQLException {
        Map<String, Object> payload = Map.of("action", "IMPORT", "subjectKey", jobId.toString(),
                "imported", written.imported(), "duplicates", written.duplicates().size(), "rejected", rejected);
        outbox.append(connection, Topics.AUDIT, EventEnvelope.create("contact-service",
                AccessRecorder.EVENT_TYPE, jobId.toString(), actor, payload));
    }

    private List<RawRow> readBatch(ImportReader reader) throws IOException {
        List<RawRow> batch = new ArrayList<>(config.batchSize());
        RawRow row;
        while (batch.size() < config.batchSize() && (row = reader.next()) != null) {
            batch.add(row);
        }
        return batch;
    }

    private static long countRecords(ImportFormat format, Path file, Charset charset) throws IOException {
        long count = 0;
        try (ImportReader reader = ImportReader.open(format, file, charset)) {
            while (reader.next() != null) {
                count++;
            }
        }
        return count;
    }
}
