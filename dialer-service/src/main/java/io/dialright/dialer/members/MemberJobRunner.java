package io.dialright.dialer.members;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.dialright.dialer.campaign.Campaign;
import io.dialright.dialer.clients.ContactClient;
import io.dialright.dialer.clients.RefusedException;
import io.dialright.dialer.clients.ServiceUnavailableException;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;

/**
 * Runs member jobs one at a time in the background: pages of 1,000 contact ids (given, or read from the segment),
 * their numbers from contact-service, one committed batch per page with the job's progress. A job cannot outlive
 * the supervisor's token it runs with; a failed or interrupted job is simply posted again (adding is idempotent).
 */
@ApplicationScoped
public class MemberJobRunner {

    private static final Logger LOG = Logger.getLogger(MemberJobRunner.class);
    static final int PAGE = 1000;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "member-jobs");
        thread.setDaemon(true);
        return thread;
    });
    private final ContactClient contacts;
    private final MemberWriter writer;
    private final DataSource dataSource;
    private final Clock clock;

    public MemberJobRunner(ContactClient contacts, MemberWriter writer, DataSource dataSource, Clock clock) {
        this.contacts = contacts;
        this.writer = writer;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Jobs a restart interrupted cannot go on: their token is gone. Say so instead of leaving them RUNNING. */
    void failInterrupted(@Observes StartupEvent started) {
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createQuery("""
                        UPDATE MemberJob SET status = 'FAILED', finishedAt = :now,
                               error = 'Interrupted by a restart of dialer-service: post the members again.'
                        WHERE status IN ('QUEUED', 'RUNNING')""")
                .setParameter("now", clock.instant()).executeUpdate());
    }

    public void submit(UUID jobId, String bearer) {
        executor.submit(() -> run(jobId, bearer));
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    private void run(UUID jobId, String bearer) {
        try {
            MemberJob job = QuarkusTransaction.requiringNew().call(() -> {
                MemberJob found = Panache.getEntityManager().find(MemberJob.class, jobId);
                found.status = MemberJob.Status.RUNNING;
                return found;
            });
            Campaign campaign = QuarkusTransaction.requiringNew().call(() ->
                    Panache.getEntityManager().find(Campaign.class, job.campaignId));
            if (job.contactIds != null) {
                List<UUID> ids = Arrays.asList(job.contactIds);
                for (int from = 0; from < ids.size(); from += PAGE) {
                    addPage(job.id, campaign, ids.subList(from, Math.min(ids.size(), from + PAGE)), bearer, false);
                }
            } else {
                UUID after = null;
                do {
                    ContactClient.SegmentPage page = contacts.segmentMembers(job.segmentId, after, PAGE, bearer);
                    addPage(job.id, campaign, page.contactIds(), bearer, true);
                    after = page.next();
                } while (after != null);
            }
            finish(jobId, MemberJob.Status.COMPLETED, null);
        } catch (RefusedException e) {
            finish(jobId, MemberJob.Status.FAILED, "contact-service refused (" + e.status() + "): the segment is "
                    + "not yours or your token expired during the job. Post the members again to go on.");
        } catch (ServiceUnavailableException e) {
            finish(jobId, MemberJob.Status.FAILED, "contact-service is unavailable (" + e.getMessage()
                    + "). Post the members again to go on: members already added stay.");
        } catch (RuntimeException | SQLException e) {
            LOG.errorf(e, "Member job %s failed", jobId);
            finish(jobId, MemberJob.Status.FAILED, "The job failed unexpectedly (request id in the log). Post "
                    + "the members again to go on.");
        }
    }

    private void addPage(UUID jobId, Campaign campaign, List<UUID> ids, String bearer, boolean countRequested)
            throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        ContactClient.DialList list = contacts.dialList(new ArrayList<>(ids), bearer);
        List<ContactClient.Entry> callable = list.items().stream()
                .filter(entry -> "ACTIVE".equals(entry.status()))
                .toList();
        int notAvailable = list.notAvailable().size() + list.items().size() - callable.size();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            MemberWriter.Written written = writer.write(connection, campaign, callable, clock.instant());
            try (PreparedStatement progress = connection.prepareStatement("""
                    UPDATE member_job SET requested = requested + ?, added = added + ?,
                           already_members = already_members + ?, not_available = not_available + ?,
                           no_number = no_number + ?
                    WHERE id = ?""")) {
                progress.setInt(1, countRequested ? ids.size() : 0);
                progress.setInt(2, written.added());
                progress.setInt(3, written.alreadyMembers());
                progress.setInt(4, notAvailable);
                progress.setInt(5, written.noNumber());
                progress.setObject(6, jobId);
                progress.executeUpdate();
            }
            connection.commit();
        }
    }

    private void finish(UUID jobId, MemberJob.Status status, String error) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE member_job SET status = ?, error = ?, finished_at = ? WHERE id = ?")) {
            update.setString(1, status.name());
            update.setString(2, error);
            update.setTimestamp(3, Timestamp.from(clock.instant()));
            update.setObject(4, jobId);
            update.executeUpdate();
        } catch (SQLException e) {
            LOG.errorf(e, "Could not record the end of member job %s", jobId);
        }
    }
}
