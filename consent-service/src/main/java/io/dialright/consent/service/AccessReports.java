package io.dialright.consent.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.consent.repository.ConsentRepository;
import io.dialright.consent.repository.ContactNumbers;
import io.dialright.consent.repository.ErasureTombstones;
import io.dialright.consent.repository.NumberCalls;
import io.dialright.consent.repository.NumberExports;
import io.dialright.consent.repository.PrivacyRequestRepository;
import io.dialright.consent.repository.RegistryLookup;
import io.dialright.consent.repository.StopListRepository;

/** Builds access reports (K-8) from what consent-service holds about a number. */
@ApplicationScoped
public class AccessReports {

    /** How many calls, and how many exports, a report lists at most (the newest; the totals say how many there are). */
    static final int LISTED = 1000;

    /** What this report cannot contain, and where it is. */
    static final List<String> ELSEWHERE = List.of(
            "Who viewed, copied or looked up the number or its contact card, and the decisions taken on it: the "
                    + "audit trail (GET /api/audit/entries?phone=<number>, privacy officer).");

    private final ContactNumbers contacts;
    private final ConsentRepository consents;
    private final ConsentReader reader;
    private final StopListRepository stopList;
    private final RegistryLookup registry;
    private final ErasureTombstones tombstones;
    private final PrivacyRequestRepository requests;
    private final NumberCalls calls;
    private final NumberExports exports;

    public AccessReports(ContactNumbers contacts, ConsentRepository consents, ConsentReader reader,
                         StopListRepository stopList, RegistryLookup registry, ErasureTombstones tombstones,
                         PrivacyRequestRepository requests, NumberCalls calls, NumberExports exports) {
        this.contacts = contacts;
        this.consents = consents;
        this.reader = reader;
        this.stopList = stopList;
        this.registry = registry;
        this.tombstones = tombstones;
        this.requests = requests;
        this.calls = calls;
        this.exports = exports;
    }

    public AccessReport build(IndexedNumber number, Instant now) {
        String hash = number.phoneHash();
        RegistryLookup.Listing listing = registry.of(hash);
        return new AccessReport(number.masked(), now,
                contacts.ofNumber(hash).stream().map(contact -> new AccessReport.Source(contact.contactId(),
                        contact.label(), contact.type(), contact.sourceChannel(), contact.sourceCampaign(),
                        contact.createdAt())).toList(),
                reader.details(consents.ofNumber(hash)),
                stopList.ofNumber(hash).stream().map(entry -> new AccessReport.StopListItem(entry.id, entry.channel,
                        entry.source, entry.recordedAt, entry.removedAt, entry.removalReason)).toList(),
                new AccessReport.Registry(listing.version(), listing.listed()),
                calls.newest(hash, LISTED).stream().map(call -> new AccessReport.Call(call.callId(),
                        call.campaignId(), call.direction(), call.outcome(), call.operatorId(), call.occurredAt(),
                        call.durationSec())).toList(),
                calls.count(hash),
                exports.newest(hash, LISTED).stream().map(export -> new AccessReport.Export(export.exportId(),
                        export.requestedBy(), export.approvedBy(), export.pseudonymised(), export.downloadedAt()))
                        .toList(),
                exports.count(hash),
                tombstones.find(hash).map(tombstone -> new AccessReport.Erasure(tombstone.privacyRequestId(),
                        tombstone.erasedAt())).orElse(null),
                requests.ofNumber(hash).stream().map(request -> new AccessReport.Request(request.id, request.type,
                        request.status, request.receivedAt, request.completedAt)).toList(),
                ELSEWHERE);
    }
}
