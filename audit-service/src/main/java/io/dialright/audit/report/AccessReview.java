package io.dialright.audit.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.audit.chain.AuditTrail;
import io.dialright.platform.problem.ProblemException;

/**
 * Quarterly access review: who accessed which data, in which role, how often and how many different
 * subjects, per quarter (UTC). The material for the review a regulator expects, not a judgement.
 */
@ApplicationScoped
public class AccessReview {

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    /** One line of the review. */
    public record Line(String actorSubject, String actorRole, String actorTeam, String action, long count,
                       long distinctSubjects, Instant first, Instant last) {
    }

    /** The review of one quarter. */
    public record Review(String quarter, Instant from, Instant to, List<Line> lines) {
    }

    public Review of(Connection connection, String quarter) throws SQLException {
        Matcher matcher = QUARTER.matcher(quarter == null ? "" : quarter);
        if (!matcher.matches()) {
            throw ProblemException.invalidField("quarter", "Name the quarter as YYYY-Qn, e.g. 2026-Q4.");
        }
        LocalDate start = LocalDate.of(Integer.parseInt(matcher.group(1)), 1, 1)
                .with(IsoFields.QUARTER_OF_YEAR, Long.parseLong(matcher.group(2)));
        Instant from = start.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = start.plusMonths(3).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Line> lines = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT actor_subject, actor_role, actor_team, action, count(*), count(DISTINCT subject_key),
                       min(occurred_at_micros), max(occurred_at_micros)
                FROM audit_entry
                WHERE occurred_at_micros >= ? AND occurred_at_micros < ? AND actor_subject IS NOT NULL
                GROUP BY actor_subject, actor_role, actor_team, action
                ORDER BY actor_subject, action""")) {
            query.setLong(1, AuditTrail.micros(from));
            query.setLong(2, AuditTrail.micros(to));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    lines.add(new Line(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getLong(5), row.getLong(6), AuditTrail.instant(row.getLong(7)),
                            AuditTrail.instant(row.getLong(8))));
                }
            }
        }
        return new Review(quarter, from, to, lines);
    }

    /** The review as CSV (RFC 4180), for spreadsheets. */
    public static String csv(Review review) {
        StringBuilder csv = new StringBuilder(
                "actor_subject,actor_role,actor_team,action,count,distinct_subjects,first,last\r\n");
        for (Line line : review.lines()) {
            csv.append(Csv.row(line.actorSubject(), line.actorRole(), line.actorTeam(), line.action(), line.count(),
                    line.distinctSubjects(), line.first(), line.last()));
        }
        return csv.toString();
    }
}
