package io.dialright.contact.exports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialright.contact.config.ContactConfig;
import io.dialright.contact.crypto.PhoneVault;
import io.dialright.contact.domain.Contact;
import io.dialright.contact.domain.ContactPhone;
import io.dialright.contact.messaging.ContactEvents;
import io.dialright.contact.segments.Segment;
import io.dialright.contact.segments.SegmentService;
import io.dialright.contact.service.AuditTrail;
import io.dialright.contact.service.ContactAccess;
import io.dialright.contact.service.Visibility;
import io.dialright.platform.crypto.BlindIndex;
import io.dialright.platform.problem.ProblemException;
import io.dialright.platform.security.CurrentActor;

/**
 * Central export requests (C-9): a supervisor or analyst asks (analysts for pseudonymised data only), another
 * supervisor of the team approves, and the requester downloads the encrypted archive once, with a password shown
 * once. Request, decision and download are audited ({@code EXPORT_REQUESTED}, {@code EXPORT_APPROVED} or
 * {@code EXPORT_REJECTED}, {@code EXPORT}); the download also announces which numbers left
 * ({@code ContactsExported}), so a customer's access request can name the exports that held their number.
 */
@ApplicationScoped
public class ExportService {

    /** A built archive and the password that opens it. */
    public record Archive(Path file, String password, String fileName) {
    }

    /** The archive written to disk and the blind indexes of the real numbers in it. */
    private record Built(Path file, List<String> phoneHashes) {
    }

    private static final char[] PASSWORD_ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final int PASSWORD_LENGTH = 24;

    private final EntityManager entityManager;
    private final SegmentService segments;
    private final ContactAccess access;
    private final PhoneVault vault;
    private final FictitiousNumbers fictitious;
    private final BlindIndex keyedHash;
    private final AuditTrail audit;
    private final ContactEvents events;
    private final ContactConfig.Exports config;
    private final Clock clock;
    private final CurrentActor actor;
    private final ObjectMapper json;
    private final SecureRandom random = new SecureRandom();

    public ExportService(EntityManager entityManager, SegmentService segments, ContactAccess access,
                         PhoneVault vault, FictitiousNumbers fictitious, BlindIndex keyedHash, AuditTrail audit,
                         ContactEvents events, ContactConfig config, Clock clock, CurrentActor actor,
                         ObjectMapper json) {
        this.entityManager = entityManager;
        this.segments = segments;
        this.access = access;
        this.vault = vault;
        this.fictitious = fictitious;
        this.keyedHash = keyedHash;
        this.audit = audit;
        this.events = events;
        this.config = config.exports();
        this.clock = clock;
        this.actor = actor;
        this.json = json;
    }

    @Transactional
    public ExportView request(ExportRequestInput input) {
        boolean bySegment = input.segmentId() != null;
        boolean byList = input.contactIds() != null && !input.contactIds().isEmpty();
        if (bySegment == byList) {
            throw ProblemException.invalidField("segmentId", "Name either a segmentId or a non-empty contactIds "
                    + "list, not both.");
        }
        boolean supervisor = actor.hasRole(CurrentActor.SUPERVISOR);
        if (!supervisor && !input.pseudonymised()) {
            throw ProblemException.invalidField("pseudonymised", "Analysts may export pseudonymised data only; send "
                    + "pseudonymised: true.");
        }
        ExportRequest request = new ExportRequest();
        request.id = UUID.randomUUID();
        request.status = ExportRequest.Status.REQUESTED;
        request.pseudonymised = input.pseudonymised();
        request.reason = input.reason().strip();
        request.requestedBy = actor.subject();
        request.requestedAt = clock.instant();
        if (bySegment) {
            Segment segment = supervisor ? segments.visible(input.segmentId()) : anySegment(input.segmentId());
            request.segmentId = segment.id;
            request.team = segment.team;
        } else {
            if (!supervisor) {
                throw ProblemException.invalidField("contactIds", "Analysts export segments; name a segmentId.");
            }
            for (UUID id : input.contactIds()) {
                Contact contact = entityManager.find(Contact.class, id);
                if (contact == null || contact.erasedAt != null || access.of(contact, actor) != Visibility.FULL) {
                    throw ProblemException.notFound("There is no contact " + id + " of your team.");
                }
            }
            request.contactIds = new ArrayList<>(input.contactIds().stream().distinct().toList());
            request.team = actor.team();
        }
        entityManager.persist(request);
        audit.record("EXPORT_REQUESTED", null, null, Map.of("exportId", request.id.toString(),
                "pseudonymised", request.pseudonymised));
        return view(request);
    }

    /** Approves or rejects: a supervisor of the request's team other than the requester (four eyes). */
    @Transactional
    public ExportView decide(UUID id, boolean approve) {
        ExportRequest request = visibleForChange(id);
        if (!actor.hasRole(CurrentActor.SUPERVISOR) || !request.team.equals(actor.team())) {
            throw new ProblemException(403, "Forbidden", "Only a supervisor of team " + request.team
                    + " decides this export.");
        }
        if (request.requestedBy.equals(actor.subject())) {
            throw new ProblemException(403, "Four eyes", "An export is approved by someone other than its "
                    + "requester; ask another supervisor of your team.");
        }
        if (request.status != ExportRequest.Status.REQUESTED) {
            throw new ProblemException(409, "Already decided", "This export is " + request.status + " already.");
        }
        request.status = approve ? ExportRequest.Status.APPROVED : ExportRequest.Status.REJECTED;
        request.decidedBy = actor.subject();
        request.decidedAt = clock.instant();
        audit.record(approve ? "EXPORT_APPROVED" : "EXPORT_REJECTED", null, null,
                Map.of("exportId", id.toString(), "requestedBy", request.requestedBy));
        return view(request);
    }

    @Transactional
    public ExportView find(UUID id) {
        return view(visible(id));
    }

    /**
     * Builds the archive for its requester, once: the request is marked downloaded in the same transaction, so a
     * second attempt gets 410 even if the first download broke off (request a new export then). That transaction
     * also writes {@code ContactsExported}: the moment the data leaves is the moment it is announced.
     */
    @Transactional
    public Archive archive(UUID id) {
        ExportRequest request = visibleForChange(id);
        if (!request.requestedBy.equals(actor.subject())) {
            throw ProblemException.notFound("There is no export " + id + " of yours to download.");
        }
        switch (request.status) {
            case REQUESTED -> throw new ProblemException(409, "Not approved yet", "A supervisor of team "
                    + request.team + " has to approve this export first.");
            case REJECTED -> throw new ProblemException(409, "Rejected", "This export was rejected by "
                    + request.decidedBy + ".");
            case DOWNLOADED -> throw new ProblemException(410, "Already downloaded", "Each approved export is "
                    + "downloaded once; request a new one.");
            default -> {
            }
        }
        if (clock.instant().isAfter(request.decidedAt.plus(config.downloadWindow()))) {
            throw new ProblemException(410, "Expired", "The approval lapsed " + config.downloadWindow().toHours()
                    + " h after it was given; request a new export.");
        }
        List<UUID> ids = request.segmentId != null
                ? segments.memberIds(entityManager.find(Segment.class, request.segmentId), config.maxContacts() + 1)
                : request.contactIds;
        if (ids.size() > config.maxContacts()) {
            throw new ProblemException(422, "Too many contacts", "An export holds at most " + config.maxContacts()
                    + " contacts; narrow the segment.");
        }
        request.status = ExportRequest.Status.DOWNLOADED;
        request.downloadedAt = clock.instant();
        request.contacts = ids.size();
        entityManager.flush(); // building clears the persistence context
        String password = password();
        Built built = build(ids, request.pseudonymised, password);
        audit.record("EXPORT", null, null, Map.of("exportId", id.toString(), "contacts", ids.size(),
                "pseudonymised", request.pseudonymised));
        events.exported(new ContactEvents.DownloadedExport(request.id, request.requestedBy, request.decidedBy,
                request.pseudonymised, request.downloadedAt), built.phoneHashes(), actor.asActor());
        return new Archive(built.file(), password, "dialright-export-" + id + ".zip");
    }

    private Built build(List<UUID> ids, boolean pseudonymised, String password) {
        List<ArchiveWriter.Row> rows = new ArrayList<>(ids.size());
        // Each number once, even if several exported contacts hold it; always the real number's index.
        LinkedHashSet<String> phoneHashes = new LinkedHashSet<>();
        for (int from = 0; from < ids.size(); from += 1000) {
            List<Contact> chunk = entityManager.createQuery("select distinct c from Contact c "
                            + "left join fetch c.phones where c.id in ?1 and c.erasedAt is null order by c.id",
                            Contact.class)
                    .setParameter(1, ids.subList(from, Math.min(ids.size(), from + 1000)))
                    .getResultList();
            for (Contact contact : chunk) {
                rows.add(row(contact, pseudonymised));
                contact.phones.forEach(phone -> phoneHashes.add(phone.phoneHash));
            }
            entityManager.clear();
        }
        try {
            Path file = Files.createTempFile("dialright-export-", ".zip");
            ArchiveWriter.write(file, password.toCharArray(), rows);
            return new Built(file, List.copyOf(phoneHashes));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the export archive", e);
        }
    }

    private ArchiveWriter.Row row(Contact contact, boolean pseudonymised) {
        List<String> phones = new ArrayList<>(contact.phones.size());
        for (ContactPhone phone : contact.phones) {
            String e164 = vault.reveal(phone);
            phones.add(pseudonymised ? fictitious.replace(e164) : e164);
        }
        String source = contact.sources.isEmpty() ? null : contact.sources.get(0).channel().name();
        if (pseudonymised) {
            // A stable stand-in per contact, so rows of the same contact in two exports still match.
            String surrogate = keyedHash.of("contact:" + contact.id).substring(0, 16);
            return new ArchiveWriter.Row(surrogate, "Customer " + surrogate.substring(0, 8), null,
                    String.join(";", phones), String.join(";", contact.tags), contact.status.name(), source, null);
        }
        return new ArchiveWriter.Row(contact.id.toString(), contact.name, contact.email, String.join(";", phones),
                String.join(";", contact.tags), contact.status.name(), source, otherIdentities(contact));
    }

    /** The names and e-mails merged into the contact, as JSON; nothing when there are none. */
    private String otherIdentities(Contact contact) {
        if (contact.otherIdentities.isEmpty()) {
            return null;
        }
        try {
            return json.writeValueAsString(contact.otherIdentities);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Could not write the other identities of contact " + contact.id, e);
        }
    }

    /** The request, to its requester or a supervisor of its team; 404 to anyone else. */
    private ExportRequest visible(UUID id) {
        return visible(id, entityManager.find(ExportRequest.class, id));
    }

    /**
     * {@link #visible} with the row locked until the transaction ends: two downloads (or two decisions) sent at once
     * are taken one after the other, so the second sees what the first did — one archive, one decision.
     */
    private ExportRequest visibleForChange(UUID id) {
        return visible(id, entityManager.find(ExportRequest.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    private ExportRequest visible(UUID id, ExportRequest request) {
        boolean allowed = request != null && (request.requestedBy.equals(actor.subject())
                || actor.hasRole(CurrentActor.SUPERVISOR) && request.team.equals(actor.team()));
        if (!allowed) {
            audit.denied("EXPORT", null);
            throw ProblemException.notFound("There is no export " + id + " of yours or your team's.");
        }
        return request;
    }

    private Segment anySegment(UUID id) {
        Segment segment = entityManager.find(Segment.class, id);
        if (segment == null) {
            throw ProblemException.notFound("There is no segment " + id + ".");
        }
        return segment;
    }

    private String password() {
        char[] password = new char[PASSWORD_LENGTH];
        for (int i = 0; i < password.length; i++) {
            password[i] = PASSWORD_ALPHABET[random.nextInt(PASSWORD_ALPHABET.length)];
        }
        return new String(password);
    }

    private ExportView view(ExportRequest request) {
        Instant until = request.status == ExportRequest.Status.APPROVED
                ? request.decidedAt.plus(config.downloadWindow()) : null;
        return new ExportView(request.id, request.status, request.pseudonymised, request.segmentId,
                request.contactIds == null || request.contactIds.isEmpty() ? null : request.contactIds.size(),
                request.reason, request.team, request.requestedBy, request.requestedAt, request.decidedBy,
                request.decidedAt, until, request.downloadedAt, request.contacts);
    }
}
