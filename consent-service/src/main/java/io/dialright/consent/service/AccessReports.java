package io.dialright.consent.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.consent.repository.ConsentRepository;
import io.dialright.consent.repository.ContactNumbers;
import io.dialright.consent.repository.ErasureTombstones;
import io.dialright.consent.repository.PrivacyRequestRepository;
import io.dialright.consent.repository.RegistryLookup;
import io.dialright.consent.repository.StopListRepository;

/** Builds access reports (K-8) from what consent-service holds about a number. */
@ApplicationScoped
public class AccessReports {

    /** What this report cannot contain, and where it is. */
    static final List<String> ELSEWHERE = List.of(
            "Calls made to and from the number: recorded by dialer-service and kept in the audit trail "
                    + "(GET /api/audit/entries?phone=<number>, privacy officer).",
            "Exports that included the number, and who viewed or copied it: the audit trail "
                    + "(GET /api/audit/entries?phone=<number>&action=EXPORT).");

    private final ContactNumbers contacts;
    private final ConsentRepository consents;
    private final ConsentReader reader;
    private final StopListRepository stopList;
    private final RegistryLookup registry;
    private final ErasureTombstones tombstones;
    private final PrivacyRequestRepository requests;

    public AccessReports(ContactNumbers contacts, ConsentRepository consents, ConsentReader reader,
                         StopListRepository stopList, RegistryLookup registry, ErasureTombstones tombstones,
                         PrivacyRequestRepository requests) {
        this.contacts = contacts;
        this.consents = consents;
        this.reader = reader;
        this.stopList = stopList;
        this.registry = registry;
        this.tombstones = tombstones;
        this.requests = requests;
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
                tombstones.find(hash).map(tombstone -> new AccessReport.Erasure(tombstone.privacyRequestId(),
                        tombstone.erasedAt())).orElse(null),
                requests.ofNumber(hash).stream().map(request -> new AccessReport.Request(request.id, request.type,
                        request.status, request.receivedAt, request.completedAt)).toList(),
                ELSEWHERE);
    }
}
