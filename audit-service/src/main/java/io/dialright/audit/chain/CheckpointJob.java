package io.dialright.audit.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;

/**
 * Signs the committed chain head whenever it has advanced since the last checkpoint. It reads only committed rows,
 * so a checkpoint never names an entry that a rollback could take back.
 */
@ApplicationScoped
public class CheckpointJob {

    private static final Logger LOG = Logger.getLogger(CheckpointJob.class);

    private final DataSource dataSource;
    private final CheckpointLog log;

    public CheckpointJob(DataSource dataSource, CheckpointLog log) {
        this.dataSource = dataSource;
        this.log = log;
    }

    @Scheduled(every = "${dialright.audit.checkpoints.interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            checkpoint();
        } catch (Exception e) {
            LOG.warnf("Could not write an audit checkpoint, will try again: %s", e.getMessage());
        }
    }

    /** Writes a checkpoint of the current head if it is new; returns the head's seq (0 for an empty chain). */
    public synchronized long checkpoint() throws Exception {
        long seq;
        byte[] hash;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement head = connection.prepareStatement("SELECT seq, entry_hash FROM audit_chain_head");
             ResultSet row = head.executeQuery()) {
            row.next();
            seq = row.getLong(1);
            hash = row.getBytes(2);
        }
        if (seq > log.lastSeq()) {
            log.append(seq, hash);
        }
        return seq;
    }
}
