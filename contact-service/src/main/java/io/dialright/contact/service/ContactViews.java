package io.dialright.contact.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.contact.crypto.PhoneVault;
import io.dialright.contact.domain.Contact;
import io.dialright.contact.domain.ContactPhone;
import io.dialright.contact.domain.ContactSource;
import io.dialright.contact.rest.ContactView;
import io.dialright.contact.rest.TimeWindow;
import io.dialright.platform.phone.NumbersInText;

/**
 * Renders a contact for a caller: numbers in full only for {@link Visibility#FULL}, else masked only (C-8), in the
 * free text beside them too (a comment may quote a number).
 */
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
        List<ContactView.SourceView> sources = contact.sources.stream().map(source -> source(source, full)).toList();
        return new ContactView(contact.id, text(contact.name, full), full ? contact.email : null, contact.status,
                contact.tags.stream().map(tag -> text(tag, full)).toList(), contact.team, contact.timeZone,
                preferred(contact),
                sources.isEmpty() ? null : sources.get(0), sources,
                contact.phones.stream().map(phone -> phone(phone, full)).toList(),
                contact.otherIdentities.stream().map(other -> new ContactView.OtherIdentityView(
                        text(other.name(), full), full ? other.email() : null, other.mergedFrom(), other.mergedAt()))
                        .toList(),
                contact.lastContactAt, contact.createdAt, contact.updatedAt, contact.version);
    }

    private ContactView.PhoneView phone(ContactPhone phone, boolean full) {
        return new ContactView.PhoneView(phone.id, full ? vault.reveal(phone) : null, phone.masked, phone.type,
                phone.region, List.copyOf(phone.timeZones), text(phone.label, full), text(phone.comment, full),
                phone.lastConfirmedAt);
    }

    private static ContactView.SourceView source(ContactSource source, boolean full) {
        return new ContactView.SourceView(source.channel(), text(source.campaign(), full), source.recordedAt());
    }

    /** Free text as typed, or with what may be a number in it masked when the numbers are. */
    private static String text(String typed, boolean full) {
        return full ? typed : NumbersInText.masked(typed);
    }

    private static TimeWindow preferred(Contact contact) {
        return contact.preferredFrom == null ? null
                : new TimeWindow(contact.preferredFrom.toString(), contact.preferredTo.toString());
    }
}
