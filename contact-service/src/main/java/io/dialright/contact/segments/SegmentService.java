package io.dialright.contact.segments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import io.dialright.contact.domain.ContactStatus;
import io.dialright.contact.domain.SourceChannel;
import io.dialright.contact.service.AuditTrail;
import io.dialright.platform.problem.ProblemException;
import io.dialright.platform.security.CurrentActor;
import io.dialright.platform.web.Page;

/** Saved filters (C-10) of a supervisor's team and their members, evaluated in SQL when asked. */
@ApplicationScoped
public class SegmentService {

    private final EntityManager entityManager;
    private final AuditTrail audit;
    private final Clock clock;
    private final CurrentActor actor;

    public SegmentService(EntityManager entityManager, AuditTrail audit, Clock clock, CurrentActor actor) {
        this.entityManager = entityManager;
        this.audit = audit;
        this.clock = clock;
        this.actor = actor;
    }

    @Transactional
    public SegmentView create(SegmentRequest request) {
        if (actor.team() == null) {
            throw new ProblemException(403, "No team", "A segment belongs to a team, and your token names none; "
                    + "sign in with an account that has a team.");
        }
        SegmentFilter filter = request.filter();
        if (filter.lastContactOlderThanDays() != null && filter.lastContactWithinDays() != null
                && filter.lastContactWithinDays() <= filter.lastContactOlderThanDays()) {
            throw ProblemException.invalidField("filter.lastContactWithinDays", "Within must be more days than "
                    + "olderThan, or no contact can match; e.g. olderThan 30 and within 90.");
        }
        if (filter.statuses() != null && filter.statuses().contains(ContactStatus.ERASED)) {
            throw ProblemException.invalidField("filter.statuses", "Erased contacts are in no segment; use "
                    + "ACTIVE, INACTIVE or BLOCKED.");
        }
        Segment segment = new Segment();
        segment.id = UUID.randomUUID();
        segment.name = request.name().strip();
        segment.team = actor.team();
        segment.tags = filter.tags() == null ? new ArrayList<>()
                : new ArrayList<>(filter.tags().stream().map(tag -> tag.strip().toLowerCase(Locale.ROOT))
                        .distinct().toList());
        segment.sources = filter.sources() == null ? new ArrayList<>()
                : new ArrayList<>(filter.sources().stream().map(SourceChannel::name).distinct().toList());
        segment.statuses = filter.statuses() == null || filter.statuses().isEmpty()
                ? new ArrayList<>(List.of(ContactStatus.ACTIVE.name()))
                : new ArrayList<>(filter.statuses().stream().map(ContactStatus::name).distinct().toList());
        segment.lastContactOlderThanDays = filter.lastContactOlderThanDays();
        segment.lastContactWithinDays = filter.lastContactWithinDays();
        segment.createdBy = actor.subject();
        segment.createdAt = clock.instant();
        entityManager.persist(segment);
        audit.record("SEGMENT_CREATED", null, null, Map.of("segmentId", segment.id.toString()));
        return view(segment);
    }

    @Transactional
    public SegmentView find(UUID id) {
        return view(visible(id));
    }

    @Transactional
    public Page<SegmentView> list(int page, int size) {
        long total = entityManager.createQuery("select count(s) from Segment s where s.team = ?1", Long.class)
                .setParameter(1, actor.team()).getSingleResult();
        List<Segment> segments = entityManager.createQuery(
                        "select s from Segment s where s.team = ?1 order by s.createdAt desc, s.id", Segment.class)
                .setParameter(1, actor.team())
                .setFirstResult(page * size).setMaxResults(size).getResultList();
        return new Page<>(segments.stream().map(this::view).toList(), page, size, total);
    }

    /** Member ids after {@code after} (exclusive), in id order, at most {@code size}. */
    @Transactional
    public SegmentMembers members(UUID id, UUID after, int size) {
        Segment segment = visible(id);
        Query query = entityManager.createNativeQuery("SELECT c.id FROM contact c WHERE " + conditions()
                + " AND (CAST(?7 AS uuid) IS NULL OR c.id > CAST(?7 AS uuid)) ORDER BY c.id LIMIT ?8", UUID.class);
        bind(query, segment);
        query.setParameter(7, after == null ? null : after.toString());
        query.setParameter(8, size + 1);
        @SuppressWarnings("unchecked")
        List<UUID> ids = new ArrayList<>(query.getResultList());
        UUID next = null;
        if (ids.size() > size) {
            ids = ids.subList(0, size);
            next = ids.get(size - 1);
        }
        audit.record("SEGMENT_READ", null, null, Map.of("segmentId", id.toString(), "returned", ids.size()));
        return new SegmentMembers(List.copyOf(ids), next);
    }

    /** Up to {@code limit} member ids of a segment, for exports; no access check (the caller has made it). */
    public List<UUID> memberIds(Segment segment, int limit) {
        Query query = entityManager.createNativeQuery("SELECT c.id FROM contact c WHERE " + conditions()
                + " ORDER BY c.id LIMIT ?7", UUID.class);
        bind(query, segment);
        query.setParameter(7, limit);
        @SuppressWarnings("unchecked")
        List<UUID> ids = query.getResultList();
        return ids;
    }

    /** The segment, if it belongs to the caller's team; 404 otherwise (integrations act for any team). */
    public Segment visible(UUID id) {
        Segment segment = entityManager.find(Segment.class, id);
        boolean allowed = segment != null && (actor.hasRole(CurrentActor.INTEGRATION)
                || segment.team.equals(actor.team()));
        if (!allowed) {
            throw ProblemException.notFound("There is no segment " + id + " of your team.");
        }
        return segment;
    }

    private SegmentView view(Segment segment) {
        Query count = entityManager.createNativeQuery("SELECT count(*) FROM contact c WHERE " + conditions());
        bind(count, segment);
        long members = ((Number) count.getSingleResult()).longValue();
        return new SegmentView(segment.id, segment.name, segment.team, new SegmentFilter(segment.tags,
                segment.sources.stream().map(SourceChannel::valueOf).toList(),
                segment.statuses.stream().map(ContactStatus::valueOf).toList(), segment.lastContactOlderThanDays,
                segment.lastContactWithinDays), members, segment.createdBy, segment.createdAt);
    }

    /** The filter in SQL; parameters 1–6 (see {@link #bind}). */
    private static String conditions() {
        return """
                c.erased_at IS NULL AND c.team = ?1 AND c.tags @> CAST(?2 AS text[])
                AND (cardinality(CAST(?3 AS text[])) = 0 OR EXISTS (SELECT 1 FROM jsonb_array_elements(c.sources) s
                     WHERE s ->> 'channel' = ANY(CAST(?3 AS text[]))))
                AND c.status = ANY(CAST(?4 AS text[]))
                AND (CAST(?5 AS timestamptz) IS NULL OR c.last_contact_at IS NULL
                     OR c.last_contact_at <= CAST(?5 AS timestamptz))
                AND (CAST(?6 AS timestamptz) IS NULL OR c.last_contact_at >= CAST(?6 AS timestamptz))""";
    }

    private void bind(Query query, Segment segment) {
        Instant now = clock.instant();
        query.setParameter(1, segment.team);
        query.setParameter(2, segment.tags.toArray(String[]::new));
        query.setParameter(3, segment.sources.toArray(String[]::new));
        query.setParameter(4, segment.statuses.toArray(String[]::new));
        query.setParameter(5, segment.lastContactOlderThanDays == null ? null
                : now.minus(Duration.ofDays(segment.lastContactOlderThanDays)).toString());
        query.setParameter(6, segment.lastContactWithinDays == null ? null
                : now.minus(Duration.ofDays(segment.lastContactWithinDays)).toString());
    }
}
