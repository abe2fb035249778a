package io.dialright.contact.imports;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.contact.domain.ContactStatus;
import io.dialright.contact.domain.SourceChannel;
import io.dialright.contact.service.IanaZones;
import io.dialright.platform.phone.InvalidPhoneNumberException;
import io.dialright.platform.phone.PhoneNumber;
import io.dialright.platform.phone.PhoneNumbers;

/**
 * Validates one imported record with the rules of {@code POST /api/contacts} (C-1, C-2): a name, 1–20 valid numbers,
 * known source and status, a real time zone. A record is imported whole or rejected with the first reason; a
 * rejection never echoes the number.
 */
@ApplicationScoped
public class RowNormaliser {

    /** A record ready to store. {@code source} defaults to {@code IMPORT}, {@code status} to {@code ACTIVE}. */
    public record NormalRow(long line, String name, String email, List<String> tags, List<Phone> phones,
                            SourceChannel source, String campaign, ContactStatus status, String timeZone) {
    }

    /** A valid number with its label and comment, if the file gave them. */
    public record Phone(PhoneNumber number, String label, String comment) {
    }

    /** Either a row or the reason it was rejected. */
    public record Outcome(NormalRow row, long line, String rejection) {

        static Outcome rejected(long line, String reason) {
            return new Outcome(null, line, reason);
        }
    }

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final int MAX_PHONES = 20;
    private static final int MAX_TAGS = 50;
    /** The limits of {@code POST /api/contacts} ({@code PhoneInput}). */
    private static final int MAX_LABEL = 50;
    private static final int MAX_COMMENT = 500;

    private final PhoneNumbers numbers;

    public RowNormaliser(PhoneNumbers numbers) {
        this.numbers = numbers;
    }

    public Outcome normalise(RawRow raw) {
        if (raw.unreadable() != null) {
            return Outcome.rejected(raw.line(), raw.unreadable());
        }
        if (holdsNul(raw)) {
            // PostgreSQL cannot store it in text: one such row would fail its whole batch, every time it is retried.
            return Outcome.rejected(raw.line(), "a field holds the NUL character (U+0000), which cannot be stored; "
                    + "remove it from the line");
        }
        if (raw.name() == null || raw.name().isBlank()) {
            return Outcome.rejected(raw.line(), "name is empty");
        }
        if (raw.name().length() > 200) {
            return Outcome.rejected(raw.line(), "name is longer than 200 characters");
        }
        if (raw.phones().isEmpty()) {
            return Outcome.rejected(raw.line(), "no phone number");
        }
        if (raw.phones().size() > MAX_PHONES) {
            return Outcome.rejected(raw.line(), "more than " + MAX_PHONES + " phone numbers");
        }
        List<Phone> phones = new ArrayList<>(raw.phones().size());
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < raw.phones().size(); i++) {
            RawRow.Phone typed = raw.phones().get(i);
            PhoneNumber number;
            try {
                number = numbers.parse(typed.number());
            } catch (InvalidPhoneNumberException e) {
                return Outcome.rejected(raw.line(), "phone " + (i + 1) + ": " + e.getMessage());
            }
            String label = stripped(typed.label());
            String comment = stripped(typed.comment());
            if (label != null && label.length() > MAX_LABEL) {
                return Outcome.rejected(raw.line(), "phone " + (i + 1) + ": label is longer than " + MAX_LABEL
                        + " characters");
            }
            if (comment != null && comment.length() > MAX_COMMENT) {
                return Outcome.rejected(raw.line(), "phone " + (i + 1) + ": comment is longer than " + MAX_COMMENT
                        + " characters");
            }
            if (seen.add(number.e164())) {
                phones.add(new Phone(number, label, comment));
            }
        }
        String email = raw.email() == null ? null : raw.email().strip();
        if (email != null && (email.length() > 320 || !EMAIL.matcher(email).matches())) {
            return Outcome.rejected(raw.line(), "email is not an e-mail address");
        }
        SourceChannel source;
        ContactStatus status;
        try {
            source = raw.source() == null ? SourceChannel.IMPORT
                    : SourceChannel.valueOf(raw.source().strip().toUpperCase(Locale.ROOT).replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            return Outcome.rejected(raw.line(), "source must be one of " + List.of(SourceChannel.values()));
        }
        try {
            status = raw.status() == null ? ContactStatus.ACTIVE
                    : ContactStatus.valueOf(raw.status().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            status = null;
        }
        if (status == null || status == ContactStatus.ERASED) {
            return Outcome.rejected(raw.line(), "status must be ACTIVE, INACTIVE or BLOCKED");
        }
        String zone = raw.timeZone() == null ? null : IanaZones.canonical(raw.timeZone());
        if (raw.timeZone() != null && zone == null) {
            return Outcome.rejected(raw.line(), "timeZone is not an IANA time zone such as Europe/Moscow");
        }
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        for (String tag : raw.tags()) {
            if (tag.length() > 64) {
                return Outcome.rejected(raw.line(), "a tag is longer than 64 characters");
            }
            tags.add(tag.toLowerCase(Locale.ROOT));
        }
        if (tags.size() > MAX_TAGS) {
            return Outcome.rejected(raw.line(), "more than " + MAX_TAGS + " tags");
        }
        String campaign = raw.campaign() == null ? null : raw.campaign().strip();
        if (campaign != null && campaign.length() > 200) {
            return Outcome.rejected(raw.line(), "campaign is longer than 200 characters");
        }
        return new Outcome(new NormalRow(raw.line(), raw.name().strip(), email, List.copyOf(tags), phones, source,
                campaign, status, zone), raw.line(), null);
    }

    private static boolean holdsNul(RawRow raw) {
        return holdsNul(raw.name()) || holdsNul(raw.email()) || holdsNul(raw.source()) || holdsNul(raw.campaign())
                || holdsNul(raw.status()) || holdsNul(raw.timeZone())
                || raw.phones().stream().anyMatch(phone -> holdsNul(phone.number()) || holdsNul(phone.label())
                        || holdsNul(phone.comment()))
                || raw.tags().stream().anyMatch(RowNormaliser::holdsNul);
    }

    private static String stripped(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static boolean holdsNul(String value) {
        return value != null && value.indexOf('\u0000') >= 0;
    }
}
