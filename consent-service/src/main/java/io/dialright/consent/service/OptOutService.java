package io.dialright.consent.service;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.dialright.consent.domain.CustomerChannel;
import io.dialright.consent.domain.StopListEntry;
import io.dialright.consent.messaging.OptOutRecorded;
import io.dialright.consent.messaging.StopListEntryRemoved;
import io.dialright.consent.repository.ErasureTombstones;
import io.dialright.consent.repository.StopListRepository;
import io.dialright.platform.audit.AccessRecorder;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.Topics;
import io.dialright.platform.outbox.Outbox;
import io.dialright.platform.problem.ProblemException;

/**
 * The stop list (K-4): puts numbers on it, whichever channel the request came through, exactly once per number;
 * and takes them off, which needs a supervisor and a reason and never applies to an erased number.
 */
@ApplicationScoped
public class OptOutService {

    /** A request to stop calling a number, already reduced to its blind index and masked form. */
    public record OptOut(String phoneHash, String masked, CustomerChannel channel, String source, String reason,
                         String callId) {
    }

    /** The entry in force after the request, and whether this request created it. */
    public record Recorded(StopListEntry entry, boolean created) {
    }

    private final StopListRepository stopList;
    private final ErasureTombstones tombstones;
    private final Outbox outbox;
    private final AccessRecorder audit;
    private final Clock clock;

    public OptOutService(StopListRepository stopList, ErasureTombstones tombstones, Outbox outbox,
                         AccessRecorder audit, Clock clock) {
        this.stopList = stopList;
        this.tombstones = tombstones;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** Records the opt-out and announces it in the same transaction; a number already listed stays as it was. */
    @Transactional
    public Recorded record(OptOut optOut, Actor actor) {
        Optional<StopListEntry> existing = stopList.findInForce(optOut.phoneHash());
        if (existing.isPresent()) {
            return new Recorded(existing.get(), false);
        }
        StopListEntry entry = newEntry(optOut, actor);
        if (!stopList.addIfAbsent(entry)) {
            return new Recorded(stopList.findInForce(optOut.phoneHash()).orElseThrow(), false);
        }
        outbox.publish(Topics.CONSENTS, "OptOutRecorded", entry.phoneHash, actor, new OptOutRecorded(
                entry.id, entry.phoneHash, entry.masked, entry.channel.name(), entry.source, entry.reason,
                entry.callId, entry.recordedAt));
        audit.record(actor, AuditActions.OPT_OUT, null, entry.phoneHash,
                Map.of("stopListEntryId", entry.id.toString(), "channel", entry.channel.name()));
        return new Recorded(entry, true);
    }

    /** Takes a number off the stop list; its consents decide again from the commit on. */
    @Transactional
    public StopListEntry remove(String phoneHash, String masked, String reason, Actor actor) {
        tombstones.find(phoneHash).ifPresent(tombstone -> {
            throw new ProblemException(409, "Number erased", "The number " + masked + " was erased on privacy "
                    + "request " + tombstone.privacyRequestId() + " and stays on the stop list for good.");
        });
        StopListEntry entry = stopList.lockInForce(phoneHash).orElseThrow(() -> ProblemException.notFound(
                "The number " + masked + " is not on the stop list."));
        entry.removedAt = clock.instant();
        entry.removedBy = actor.subject();
        entry.removalReason = reason;
        outbox.publish(Topics.CONSENTS, StopListEntryRemoved.TYPE, phoneHash, actor, new StopListEntryRemoved(
                entry.id, phoneHash, entry.masked, entry.removedBy, reason, entry.removedAt));
        audit.record(actor, AuditActions.STOP_LIST_REMOVAL, null, phoneHash,
                Map.of("stopListEntryId", entry.id.toString(), "reason", reason));
        return entry;
    }

    public Optional<StopListEntry> findInForce(String phoneHash) {
        return stopList.findInForce(phoneHash);
    }

    private StopListEntry newEntry(OptOut optOut, Actor actor) {
        StopListEntry entry = new StopListEntry();
        entry.id = UUID.randomUUID();
        entry.phoneHash = optOut.phoneHash();
        entry.masked = optOut.masked();
        entry.channel = optOut.channel();
        entry.source = optOut.source();
        entry.reason = optOut.reason();
        entry.callId = optOut.callId();
        entry.recordedBy = actor.subject();
        entry.recordedAt = clock.instant();
        return entry;
    }
}
