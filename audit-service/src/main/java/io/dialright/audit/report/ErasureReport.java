package io.dialright.audit.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.audit.chain.AuditTrail;

/**
 * Erasure requests and how they were handled, rebuilt from the trail: every event that names a
 * {@code privacyRequestId} — consent-service's {@code ErasureRequested} and {@code ErasureCompleted}, and what the
 * other services did for it (e.g. {@code ContactErased}). Pseudonymised: the trail holds no numbers.
 */
@ApplicationScoped
public class ErasureReport {

    /** The law's outer limit for purging, used when the request names no due date. */
    private static final Duration DEFAULT_DUE = Duration.ofDays(30);

    /** One step of a request's handling. */
    public record Step(String action, String producer, Instant at) {
    }

    /** A request and its timeline; {@code status} is COMPLETED, OPEN or OVERDUE. */
    public record Request(String privacyRequestId, Instant requestedAt, Instant dueBy, Instant completedAt,
                          String status, List<Step> steps) {
    }

    public List<Request> all(Connection connection) throws SQLException {
        Map<String, List<Step>> steps = new LinkedHashMap<>();
        Map<String, Instant> dueDates = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT details::jsonb ->> 'privacyRequestId', action, producer, occurred_at_micros,
                       details::jsonb ->> 'dueBy'
                FROM audit_entry
                WHERE action IN ('ErasureRequested', 'ErasureCompleted', 'ContactErased')
                  AND details::jsonb ->> 'privacyRequestId' IS NOT NULL
                ORDER BY occurred_at_micros, seq""");
             ResultSet row = query.executeQuery()) {
            while (row.next()) {
                String id = row.getString(1);
                steps.computeIfAbsent(id, key -> new ArrayList<>()).add(new Step(row.getString(2), row.getString(3),
                        AuditTrail.instant(row.getLong(4))));
                if (row.getString(5) != null) {
                    dueDates.put(id, Instant.parse(row.getString(5)));
                }
            }
        }
        List<Request> requests = new ArrayList<>();
        Instant now = Instant.now();
        steps.forEach((id, timeline) -> {
            Instant requestedAt = at(timeline, "ErasureRequested");
            Instant completedAt = at(timeline, "ErasureCompleted");
            Instant start = requestedAt != null ? requestedAt : timeline.get(0).at();
            Instant dueBy = dueDates.getOrDefault(id, start.plus(DEFAULT_DUE));
            String status = completedAt != null ? "COMPLETED" : now.isAfter(dueBy) ? "OVERDUE" : "OPEN";
            requests.add(new Request(id, requestedAt, dueBy, completedAt, status, List.copyOf(timeline)));
        });
        return requests;
    }

    /** One CSV line per step, the request's fields repeated, for spreadsheets. */
    public static String csv(List<Request> requests) {
        StringBuilder csv = new StringBuilder(
                "privacy_request_id,status,requested_at,due_by,completed_at,step_action,step_producer,step_at\r\n");
        for (Request request : requests) {
            for (Step step : request.steps()) {
                csv.append(Csv.row(request.privacyRequestId(), request.status(), request.requestedAt(),
                        request.dueBy(), request.completedAt(), step.action(), step.producer(), step.at()));
            }
        }
        return csv.toString();
    }

    private static Instant at(List<Step> timeline, String action) {
        return timeline.stream().filter(step -> step.action().equals(action)).map(Step::at).findFirst().orElse(null);
    }
}
