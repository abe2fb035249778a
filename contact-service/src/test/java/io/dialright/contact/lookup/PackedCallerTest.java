package io.dialright.contact.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.dialright.contact.domain.Contact;
import io.dialright.contact.domain.ContactPhone;
import io.dialright.contact.domain.ContactSource;
import io.dialright.contact.domain.ContactStatus;
import io.dialright.contact.domain.OtherIdentity;
import io.dialright.contact.domain.SourceChannel;
import org.junit.jupiter.api.Test;

class PackedCallerTest {

    private static final Instant NOW = Instant.parse("2026-11-30T09:00:00.123456789Z");

    @Test
    void aCallerUnpacksWithEveryFieldItWasPackedWith() {
        Contact first = contact("Анна Петрова", "anna@example.com", List.of("vip", "ёлка"));
        first.preferredFrom = LocalTime.of(9, 30);
        first.preferredTo = LocalTime.of(18, 0, 0, 5);
        first.lastContactAt = NOW.minusSeconds(3_600);
        first.sources.add(new ContactSource(SourceChannel.WEB_FORM, "spring-sale", NOW.minusSeconds(86_400)));
        first.sources.add(new ContactSource(SourceChannel.IMPORT, null, null));
        first.otherIdentities.add(new OtherIdentity("Анна П.", null, UUID.randomUUID(), NOW.minusSeconds(600)));
        first.otherIdentities.add(new OtherIdentity("Anna", "anna.p@example.com", UUID.randomUUID(), NOW));
        first.phones.add(phone(first, 0, "Мобильный", "звонить после 10"));
        first.phones.add(phone(first, 1, null, null));
        Contact second = contact("B", null, List.of());
        second.status = ContactStatus.values()[ContactStatus.values().length - 1];
        CallerReader.History history = new CallerReader.History(List.of(
                new Interaction("call-2", "INBOUND", "COMPLAINT", "op-7", null, "late delivery", 95, "rec/2",
                        NOW.minusSeconds(60)),
                new Interaction("call-1", "OUTBOUND", "NO_ANSWER", null, "campaign-1", null, null, null,
                        NOW.minusSeconds(7_200))),
                new CallerSignals(4, 1, true, NOW.minusSeconds(60)), NOW.minusSeconds(7_200), NOW.minusSeconds(60));
        CallerConsents consents = new CallerConsents(List.of(
                new CallerConsents.Consent("MARKETING", "VOICE", "CONSENT", "ACTIVE", NOW.plusSeconds(86_400),
                        NOW.minusSeconds(3_600)),
                new CallerConsents.Consent("SURVEYS", "SMS", "CONSENT", "REVOKED", null, NOW)),
                new CallerConsents.StopListing("SMS", NOW.minusSeconds(5)), true);
        CallerReader.Caller caller = new CallerReader.Caller(List.of(first, second), history, consents);

        CallerReader.Caller unpacked = PackedCaller.unpack(PackedCaller.pack(caller, NOW));

        assertThat(unpacked).usingRecursiveComparison().isEqualTo(caller);
        assertThat(unpacked.card().phones).allSatisfy(phone -> assertThat(phone.contact).isSameAs(unpacked.card()));
        assertThat(unpacked.card()).isNotSameAs(first);
    }

    @Test
    void anUnknownNumberWithoutCallsUnpacksAsItWas() {
        CallerReader.Caller unknown = new CallerReader.Caller(List.of(), new CallerReader.History(List.of(),
                new CallerSignals(0, 0, false, null), null, null), CallerConsents.NONE);

        CallerReader.Caller unpacked = PackedCaller.unpack(PackedCaller.pack(unknown, null));

        assertThat(unpacked).usingRecursiveComparison().isEqualTo(unknown);
        assertThat(unpacked.card()).isNull();
    }

    @Test
    void theCountsAreTrueUntilTheInstantPackedWithThem() {
        CallerReader.Caller unknown = new CallerReader.Caller(List.of(), new CallerReader.History(List.of(),
                new CallerSignals(0, 0, false, null), null, null), CallerConsents.NONE);
        byte[] packed = PackedCaller.pack(unknown, NOW);

        assertThat(PackedCaller.trueAt(packed, NOW.minusNanos(1))).isTrue();
        assertThat(PackedCaller.trueAt(packed, NOW)).isFalse();
        assertThat(PackedCaller.trueAt(PackedCaller.pack(unknown, null), NOW.plusSeconds(1_000_000))).isTrue();
    }

    private static Contact contact(String name, String email, List<String> tags) {
        Contact contact = new Contact();
        contact.id = UUID.randomUUID();
        contact.name = name;
        contact.email = email;
        contact.status = ContactStatus.values()[0];
        contact.tags = new ArrayList<>(tags);
        contact.team = "team-a";
        contact.timeZone = "Europe/Moscow";
        contact.createdBy = "op-1";
        contact.createdAt = NOW.minusSeconds(100_000);
        contact.updatedAt = NOW.minusNanos(1);
        contact.version = 7;
        return contact;
    }

    private static ContactPhone phone(Contact contact, int position, String label, String comment) {
        ContactPhone phone = new ContactPhone();
        phone.id = UUID.randomUUID();
        phone.contact = contact;
        phone.position = position;
        phone.phoneHash = "hash-" + position;
        phone.ciphertext = new byte[] {1, 2, (byte) 250, (byte) position};
        phone.keyId = "k1";
        phone.masked = "+7 (916) ***-**-0" + position;
        phone.type = "MOBILE";
        phone.region = "RU";
        phone.timeZones = new ArrayList<>(List.of("Europe/Moscow", "Asia/Vladivostok"));
        phone.label = label;
        phone.comment = comment;
        phone.lastConfirmedAt = position == 0 ? NOW.minusSeconds(5) : null;
        phone.createdAt = NOW.minusSeconds(90_000);
        return phone;
    }
}
