package io.dialright.contact.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.dialright.contact.crypto.PhoneVault;
import io.dialright.contact.domain.Contact;
import io.dialright.contact.domain.ContactPhone;
import io.dialright.contact.domain.ContactSource;
import io.dialright.contact.domain.ContactStatus;
import io.dialright.contact.repository.ContactRepository;
import io.dialright.platform.security.CurrentActor;

/**
 * What a dialer needs to call a list of contacts: each number in full with its blind index and time zones, the
 * contact's confirmed zone, preferred time, tags, status and source. Only contacts the caller may see in full
 * (a supervisor's team) are answered; the rest are listed as not available, without saying whether they exist.
 * One audit entry per list, naming the contacts read, so "who has had my number" stays answerable.
 */
@ApplicationScoped
public class DialList {

    public record Phone(UUID phoneId, String e164, String phoneHash, String masked, String type, String region,
                        List<String> timeZones, String label) {
    }

    public record Entry(UUID contactId, String status, String team, List<String> tags, String timeZone,
                        String preferredFrom, String preferredTo, String sourceChannel, List<Phone> phones) {
    }

    public record Answer(List<Entry> items, List<UUID> notAvailable) {
    }

    private final ContactRepository contacts;
    private final ContactAccess access;
    private final PhoneVault vault;
    private final AuditTrail audit;
    private final CurrentActor actor;

    public DialList(ContactRepository contacts, ContactAccess access, PhoneVault vault, AuditTrail audit,
                    CurrentActor actor) {
        this.contacts = contacts;
        this.access = access;
        this.vault = vault;
        this.audit = audit;
        this.actor = actor;
    }

    @Transactional
    public Answer read(List<UUID> contactIds) {
        Set<UUID> wanted = new HashSet<>(contactIds);
        List<Contact> found = contacts.getEntityManager().createQuery("""
                        SELECT DISTINCT c FROM Contact c LEFT JOIN FETCH c.phones WHERE c.id IN :ids""", Contact.class)
                .setParameter("ids", wanted)
                .getResultList();
        List<Entry> items = new ArrayList<>();
        Set<UUID> answered = new HashSet<>();
        for (Contact contact : found) {
            if (contact.status == ContactStatus.ERASED || access.of(contact, actor) != Visibility.FULL) {
                continue;
            }
            items.add(entry(contact));
            answered.add(contact.id);
        }
        List<UUID> notAvailable = wanted.stream().filter(id -> !answered.contains(id)).sorted().toList();
        audit.record("DIAL_LIST_READ", null, null, Map.of("contacts", items.size(),
                "contactIds", answered.stream().map(UUID::toString).sorted().toList(),
                "notAvailable", notAvailable.size()));
        return new Answer(items, notAvailable);
    }

    private Entry entry(Contact contact) {
        ContactSource source = contact.sources.isEmpty() ? null : contact.sources.get(0);
        List<Phone> phones = contact.phones.stream()
                .map(this::phone)
                .toList();
        return new Entry(contact.id, contact.status.name(), contact.team, List.copyOf(contact.tags), contact.timeZone,
                contact.preferredFrom == null ? null : contact.preferredFrom.toString(),
                contact.preferredTo == null ? null : contact.preferredTo.toString(),
                source == null ? null : source.channel().name(), phones);
    }

    private Phone phone(ContactPhone phone) {
        return new Phone(phone.id, vault.reveal(phone), phone.phoneHash, phone.masked, phone.type, phone.region,
                List.copyOf(phone.timeZones), phone.label);
    }
}
