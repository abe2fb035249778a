package io.dialright.consent.messaging;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.consent.repository.NumberExports;
import io.dialright.consent.service.NumberHistory;
import io.dialright.platform.consumer.EventSubscription;
import io.dialright.platform.events.EventEnvelope;
import io.dialright.platform.events.InvalidEventException;
import io.dialright.platform.events.Topics;

/**
 * The exports that took a number out of the system, for access reports (K-8): contact-service's
 * {@code ContactsExported}, sent when an archive is downloaded, in parts of at most 1,000 blind indexes (each part
 * is kept on its own; a part delivered twice changes nothing).
 */
@ApplicationScoped
public class ExportHistory implements EventSubscription {

    /** The fields of one part of {@code ContactsExported}. */
    public record ContactsExported(UUID exportId, String requestedBy, String approvedBy, Boolean pseudonymised,
                                   Instant downloadedAt, List<String> phoneHashes) {
    }

    private final NumberHistory history;

    public ExportHistory(NumberHistory history) {
        this.history = history;
    }

    @Override
    public String name() {
        return "export-history";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.CONTACTS);
    }

    @Override
    public void handle(EventEnvelope event, Connection connection) {
        if (!"ContactsExported".equals(event.eventType())) {
            return;
        }
        ContactsExported export = event.payloadAs(ContactsExported.class);
        if (export.exportId() == null || export.requestedBy() == null || export.pseudonymised() == null
                || export.downloadedAt() == null || export.phoneHashes() == null) {
            throw new InvalidEventException("ContactsExported " + event.eventId() + " lacks exportId, requestedBy, "
                    + "pseudonymised, downloadedAt or phoneHashes");
        }
        history.exported(export.phoneHashes(), new NumberExports.Export(export.exportId(), export.requestedBy(),
                export.approvedBy(), export.pseudonymised(), export.downloadedAt()));
    }
}
