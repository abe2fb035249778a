package io.dialright.contact.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.contact.crypto.PhoneVault;
import io.dialright.contact.domain.Contact;
import io.dialright.contact.domain.ContactPhone;
import io.dialright.contact.domain.ContactSource;
import io.dialright.contact.rest.ContactView;
import io.dialright.contact.rest.TimeWindow;

/** Renders a contact for a caller: numbers in full only for {@link Visibility#FULL}, else masked only (C-8). */
@ApplicationScoped
public class ContactViews {

    private final PhoneVault vault;

    public ContactViews(PhoneVault vault) {
        this.vault = vault;
    }

    public ContactView render(Contact contact, Visibility visibility) {
        if (visibility == Visibility.NONE) {
            throw new IllegalArgumentException("A contact the caller may not see is never rendered");
        }
        boolean full = visibility == Visibility.FULL;
        List<ContactView.SourceView> sources = contact.sources.stream().map(ContactViews::source).toList();
        return new ContactView(contact.id, contact.name, full ? contact.email : null, contact.status,
                List.copyOf(contact.tags), contact.team, contact.timeZone, preferred(contact),
                sources.isEmpty() ? null : sources.get(0), sources,
                contact.phones.stream().map(phone -> phone(phone, full)).toList(),
                contact.otherIdentities.stream().map(other -> new ContactView.OtherIdentityView(other.name(),
                        full ? other.email() : null, other.mergedFrom(), other.mergedAt())).toList(),
                contact.lastContactAt, contact.createdAt, contact.updatedAt, contact.version);
    }

    private ContactView.PhoneView phone(ContactPhone phone, boolean full) {
        return new ContactView.PhoneView(phone.id, full ? vault.reveal(phone) : null, phone.masked, phone.type,
                phone.region, List.copyOf(phone.timeZones), phone.label, phone.comment, phone.lastConfirmedAt);
    }

    private static ContactView.SourceView source(ContactSource source) {
        return new ContactView.SourceView(source.channel(), source.campaign(), source.recordedAt());
    }

    private static TimeWindow preferred(Contact contact) {
        return contact.preferredFrom == null ? null
                : new TimeWindow(contact.preferredFrom.toString(), contact.preferredTo.toString());
    }
}
