package io.dialright.consent.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.dialright.consent.config.ConsentConfig;
import io.dialright.consent.domain.RegistryImport;
import io.dialright.consent.domain.RegistryImportStatus;
import io.dialright.consent.repository.RegistryImportRepository;
import io.dialright.platform.audit.AccessRecorder;
import io.dialright.platform.events.Actor;
import io.dialright.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;

/**
 * Starts national registry imports (K-5): the uploaded file is saved, a new version is registered as RUNNING,
 * and {@link RegistryLoader} loads it in the background. One import runs at a time.
 */
@ApplicationScoped
public class RegistryImports {

    private static final Logger LOG = Logger.getLogger(RegistryImports.class);

    private final RegistryImportRepository imports;
    private final RegistryLoader loader;
    private final AccessRecorder audit;
    private final ConsentConfig config;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "registry-import");
        thread.setDaemon(true);
        return thread;
    });

    public RegistryImports(RegistryImportRepository imports, RegistryLoader loader, AccessRecorder audit,
                           ConsentConfig config, Clock clock) {
        this.imports = imports;
        this.loader = loader;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Saves the file and starts loading it.
     *
     * @param column the CSV field holding the number (1 for a file of one number per line)
     * @throws ProblemException 409 while another import runs, 400 for an empty file
     */
    public RegistryImport start(InputStream body, String fileName, int column, Actor actor) throws IOException {
        refuseWhileRunning();
        Path file = uploadFile();
        long lines;
        try {
            lines = save(body, file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        if (lines == 0) {
            Files.deleteIfExists(file);
            throw new ProblemException(400, "Empty registry file", "The registry file has no lines; send one "
                    + "number per line, or CSV with the number in column " + column + ".");
        }
        RegistryImport started;
        try {
            started = QuarkusTransaction.requiringNew().call(() -> register(fileName, lines, actor));
        } catch (RuntimeException e) {
            Files.deleteIfExists(file);
            if (!violatesUniqueIndex(e)) {
                throw e;
            }
            // The unique "one import running" index: another import was registered meanwhile. It may have finished
            // by now (a small file loads in milliseconds), and still this file was not taken.
            refuseWhileRunning();
            throw new ProblemException(409, "Import in progress", "Another registry import was started at the same "
                    + "moment; send the file again when it has finished (GET /api/registry/imports/current).");
        }
        worker.submit(() -> loader.load(started.id, started.version, file, column, actor));
        return started;
    }

    private RegistryImport register(String fileName, long lines, Actor actor) {
        RegistryImport started = new RegistryImport();
        started.id = UUID.randomUUID();
        started.version = imports.nextVersion();
        started.status = RegistryImportStatus.RUNNING;
        started.fileName = fileName;
        started.total = lines;
        started.errors = "[]";
        started.createdBy = actor.subject();
        started.startedAt = clock.instant();
        imports.persist(started);
        audit.record(actor, AuditActions.REGISTRY_IMPORT, started.id.toString(), null,
                Map.of("importId", started.id.toString(), "version", started.version, "status", "RUNNING",
                        "lines", lines));
        return started;
    }

    /** Whether PostgreSQL refused the insert for a unique index (SQLSTATE 23505), wherever JTA wrapped that. */
    private static boolean violatesUniqueIndex(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private void refuseWhileRunning() {
        RegistryImport running = QuarkusTransaction.requiringNew().call(imports::running);
        if (running != null) {
            throw new ProblemException(409, "Import in progress", "Registry version " + running.version
                    + " is still being imported (GET /api/registry/imports/" + running.id + "); send the file "
                    + "again when it has finished.");
        }
    }

    private Path uploadFile() throws IOException {
        Path dir = config.registry().uploadDir().orElse(Path.of(System.getProperty("java.io.tmpdir")));
        Files.createDirectories(dir);
        return Files.createTempFile(dir, "registry-", ".upload");
    }

    /** Streams the body to disk and counts its lines (a last line without a newline counts too). */
    private static long save(InputStream body, Path file) throws IOException {
        long lines = 0;
        int last = '\n';
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            int read;
            while ((read = body.read(buffer)) != -1) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                if (read > 0) {
                    last = buffer[read - 1];
                }
                out.write(buffer, 0, read);
            }
        }
        return last == '\n' ? lines : lines + 1;
    }

    /** Imports cut off by a stop of the service (in this or another instance) are failed; their tables dropped. */
    void recover(@Observes StartupEvent startup) {
        try {
            loader.recoverInterrupted();
        } catch (RuntimeException e) {
            LOG.warnf("Could not check for interrupted registry imports: %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        worker.shutdownNow();
    }
}
