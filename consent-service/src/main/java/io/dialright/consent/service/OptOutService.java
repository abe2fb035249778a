package io.dialright.consent.service;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.dialright.consent.domain.OptOutChannel;
import io.dialright.consent.domain.StopListEntry;
import io.dialright.consent.messaging.OptOutRecorded;
import io.dialright.consent.repository.StopListRepository;
import io.dialright.platform.events.Actor;
import io.dialright.platform.events.Topics;
import io.dialright.platform.outbox.Outbox;

/** Puts numbers on the stop list (K-4), whichever channel the request came through, exactly once per number. */
@ApplicationScoped
public class OptOutService {

    /** A request to stop calling a number, already reduced to its blind index and masked form. */
    public record OptOut(String phoneHash, String masked, OptOutChannel channel, String source, String reason,
                         String callId) {
    }

    /** The entry in force after the request, and whether this request created it. */
    public record Recorded(StopListEntry entry, boolean created) {
    }

    private final StopListRepository stopList;
    private final Outbox outbox;

    public OptOutService(StopListRepository stopList, Outbox outbox) {
        this.stopList = stopList;
        this.outbox = outbox;
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
        return new Recorded(entry, true);
    }

    public Optional<StopListEntry> findInForce(String phoneHash) {
        return stopList.findInForce(phoneHash);
    }

    private static StopListEntry newEntry(OptOut optOut, Actor actor) {
        StopListEntry entry = new StopListEntry();
        entry.id = UUID.randomUUID();
        entry.phoneHash = optOut.phoneHash();
        entry.masked = optOut.masked();
        entry.channel = optOut.channel();
        entry.source = optOut.source();
        entry.reason = optOut.reason();
        entry.callId = optOut.callId();
        entry.recordedBy = actor.subject();
        entry.recordedAt = Instant.now();
        return entry;
    }
}
