package io.dialright.contact.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.dialright.contact.config.ContactConfig;
import io.dialright.contact.service.AuditTrail;
import io.dialright.platform.problem.ProblemException;
import io.dialright.platform.security.CurrentActor;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Accepts import files (C-6) and answers for their progress; the work is {@link ImportRunner}'s. */
@ApplicationScoped
public class ImportService {

    private final EntityManager entityManager;
    private final ImportRunner runner;
    private final AuditTrail audit;
    private final ContactConfig config;
    private final Clock clock;
    private final CurrentActor actor;

    public ImportService(EntityManager entityManager, ImportRunner runner, AuditTrail audit, ContactConfig config,
                         Clock clock, CurrentActor actor) {
        this.entityManager = entityManager;
        this.runner = runner;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
        this.actor = actor;
    }

    /** Moves the uploaded file into the spool directory and queues a job for it; the job starts after commit. */
    public ImportJobView submit(Path upload, ImportFormat format, Charset charset, String fileName) {
        UUID id = UUID.randomUUID();
        Path spooled = spool(upload, id, format);
        ImportJob job = new ImportJob();
        job.id = id;
        job.status = ImportJob.Status.QUEUED;
        job.format = format;
        job.charset = charset.name();
        job.fileName = fileName;
        job.spoolPath = spooled.toString();
        job.team = actor.team() != null ? actor.team() : config.defaultTeam();
        job.requestedBy = actor.subject();
        job.requestedRole = String.join(",", actor.roles());
        job.createdAt = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.persist(job);
            audit.record("IMPORT_REQUESTED", null, null, Map.of("importId", id.toString(), "format", format.name()));
        });
        runner.submit(id);
        return view(job, List.of(), List.of());
    }

    /** The job, to the person who started it or a supervisor of its team; 404 to anyone else. */
    @Transactional
    public ImportJobView find(UUID id) {
        ImportJob job = entityManager.find(ImportJob.class, id);
        boolean mine = job != null && job.requestedBy.equals(actor.subject());
        boolean myTeam = job != null && actor.hasRole(CurrentActor.SUPERVISOR) && job.team.equals(actor.team());
        if (!mine && !myTeam) {
            throw ProblemException.notFound("There is no import " + id + " of yours or your team's.");
        }
        List<ImportJobView.Error> errors = lines("import_error", id).stream()
                .map(row -> new ImportJobView.Error(((Number) row[0]).longValue(), (String) row[1])).toList();
        List<ImportJobView.Duplicate> duplicates = lines("import_duplicate", id).stream()
                .map(row -> new ImportJobView.Duplicate(((Number) row[0]).longValue(), (String) row[1])).toList();
        return view(job, errors, duplicates);
    }

    /** The lines and reasons kept for the job in {@code import_error} or {@code import_duplicate}, in line order. */
    private List<Object[]> lines(String table, UUID id) {
        return entityManager.createNativeQuery("SELECT line, reason FROM " + table + " WHERE job_id = ?1 ORDER BY line",
                        Object[].class)
                .setParameter(1, id)
                .getResultList().stream().map(row -> (Object[]) row).toList();
    }

    private Path spool(Path upload, UUID id, ImportFormat format) {
        try {
            Path dir = Path.of(config.imports().spoolDir());
            Files.createDirectories(dir);
            return Files.move(upload, dir.resolve(id + "." + format.extension()), StandardCopyOption.REPLACE_EXISTING)
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the uploaded file for its import", e);
        }
    }

    private static ImportJobView view(ImportJob job, List<ImportJobView.Error> errors,
                                      List<ImportJobView.Duplicate> duplicates) {
        return new ImportJobView(job.id, job.status, job.format, job.fileName, job.total, job.processed,
                job.imported, job.duplicates, job.rejected, errors, duplicates, job.failure, job.createdAt,
                job.startedAt, job.finishedAt);
    }
}
