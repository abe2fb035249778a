package io.dialright.contact.lookup;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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

/**
 * A caller as {@link CallerCache} holds it: one byte array, with the instant until which its counts stay true first,
 * unpacked into fresh objects for every lookup that uses it.
 *
 * <p>Why not hold the objects the read built: a caller is fifty-odd objects (contacts, numbers, lists, strings,
 * instants), and every caller read was fifty objects for young collections to copy at each pause until it was
 * promoted; an array is one. Measured in the lookup benchmark with 100,000 numbers held: about 90 MB of heap instead
 * of 265 MB. Unpacking costs a few microseconds (under 2 % of contact-service's CPU per lookup), and every lookup gets
 * objects of its own, so nothing a lookup does to them reaches the next one.
 *
 * <p>The ciphertexts stay ciphertexts: a number is decrypted only when a lookup shows it in full.
 */
final class PackedCaller {

    private static final int NULL = -1;

    private PackedCaller() {
    }

    /** The caller and {@code trueUntil} (null: until something changes) as one array. */
    static byte[] pack(CallerReader.Caller caller, Instant trueUntil) {
        try {
            Packer out = new Packer();
            out.instant(trueUntil);
            out.count(caller.holders().size());
            for (Contact contact : caller.holders()) {
                contact(out, contact);
            }
            history(out, caller.history());
            consents(out, caller.consents());
            return out.bytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to memory failed", e);
        }
    }

    /** Whether the counts of the packed caller are still true at {@code now}. */
    static boolean trueAt(byte[] packed, Instant now) {
        Instant trueUntil = new Unpacker(packed).instant();
        return trueUntil == null || now.isBefore(trueUntil);
    }

    /** The packed caller as new objects, detached like the ones {@link CallerReader} builds. */
    static CallerReader.Caller unpack(byte[] packed) {
        Unpacker in = new Unpacker(packed);
        in.instant();
        int holderCount = in.count();
        List<Contact> holders = new ArrayList<>(holderCount);
        for (int i = 0; i < holderCount; i++) {
            holders.add(contact(in));
        }
        CallerReader.History history = history(in);
        return new CallerReader.Caller(holders, history, consents(in));
    }

    private static void contact(Packer out, Contact contact) throws IOException {
        out.uuid(contact.id);
        out.string(contact.name);
        out.string(contact.email);
        out.string(contact.status.name());
        out.strings(contact.tags);
        out.count(contact.sources.size());
        for (ContactSource source : contact.sources) {
            out.string(source.channel().name());
            out.string(source.campaign());
            out.instant(source.recordedAt());
        }
        out.string(contact.team);
        out.string(contact.timeZone);
        out.time(contact.preferredFrom);
        out.time(contact.preferredTo);
        out.instant(contact.lastContactAt);
        out.string(contact.createdBy);
        out.instant(contact.createdAt);
        out.instant(contact.updatedAt);
        out.instant(contact.erasedAt);
        out.data.writeLong(contact.version);
        out.count(contact.otherIdentities.size());
        for (OtherIdentity other : contact.otherIdentities) {
            out.string(other.name());
            out.string(other.email());
            out.uuid(other.mergedFrom());
            out.instant(other.mergedAt());
        }
        out.count(contact.phones.size());
        for (ContactPhone phone : contact.phones) {
            out.uuid(phone.id);
            out.data.writeInt(phone.position);
            out.string(phone.phoneHash);
            out.bytes(phone.ciphertext);
            out.string(phone.keyId);
            out.string(phone.masked);
            out.string(phone.type);
            out.string(phone.region);
            out.strings(phone.timeZones);
            out.string(phone.label);
            out.string(phone.comment);
            out.instant(phone.lastConfirmedAt);
            out.instant(phone.createdAt);
        }
    }

    private static Contact contact(Unpacker in) {
        Contact contact = new Contact();
        contact.id = in.uuid();
        contact.name = in.string();
        contact.email = in.string();
        contact.status = ContactStatus.valueOf(in.string());
        contact.tags = in.strings();
        int sourceCount = in.count();
        contact.sources = new ArrayList<>(sourceCount);
        for (int i = 0; i < sourceCount; i++) {
            contact.sources.add(new ContactSource(SourceChannel.valueOf(in.string()), in.string(), in.instant()));
        }
        contact.team = in.string();
        contact.timeZone = in.string();
        contact.preferredFrom = in.time();
        contact.preferredTo = in.time();
        contact.lastContactAt = in.instant();
        contact.createdBy = in.string();
        contact.createdAt = in.instant();
        contact.updatedAt = in.instant();
        contact.erasedAt = in.instant();
        contact.version = in.buffer.getLong();
        int otherCount = in.count();
        contact.otherIdentities = new ArrayList<>(otherCount);
        for (int i = 0; i < otherCount; i++) {
            contact.otherIdentities.add(new OtherIdentity(in.string(), in.string(), in.uuid(), in.instant()));
        }
        int phoneCount = in.count();
        contact.phones = new ArrayList<>(phoneCount);
        for (int i = 0; i < phoneCount; i++) {
            ContactPhone phone = new ContactPhone();
            phone.contact = contact;
            phone.id = in.uuid();
            phone.position = in.buffer.getInt();
            phone.phoneHash = in.string();
            phone.ciphertext = in.bytes();
            phone.keyId = in.string();
            phone.masked = in.string();
            phone.type = in.string();
            phone.region = in.string();
            phone.timeZones = in.strings();
            phone.label = in.string();
            phone.comment = in.string();
            phone.lastConfirmedAt = in.instant();
            phone.createdAt = in.instant();
            contact.phones.add(phone);
        }
        return contact;
    }

    private static void history(Packer out, CallerReader.History history) throws IOException {
        out.count(history.recent().size());
        for (Interaction call : history.recent()) {
            out.string(call.callId());
            out.string(call.direction());
            out.string(call.outcome());
            out.string(call.operatorId());
            out.string(call.campaignId());
            out.string(call.reason());
            out.data.writeInt(call.durationSec() == null ? NULL : call.durationSec());
            out.string(call.recordingRef());
            out.instant(call.occurredAt());
        }
        CallerSignals signals = history.signals();
        out.data.writeLong(signals.contactsInWindow());
        out.data.writeLong(signals.complaintsInWindow());
        out.data.writeBoolean(signals.openComplaint());
        out.instant(signals.lastContactAt());
        out.instant(history.oldestFrequent());
        out.instant(history.oldestComplaint());
    }

    private static CallerReader.History history(Unpacker in) {
        int callCount = in.count();
        List<Interaction> recent = new ArrayList<>(callCount);
        for (int i = 0; i < callCount; i++) {
            String callId = in.string();
            String direction = in.string();
            String outcome = in.string();
            String operatorId = in.string();
            String campaignId = in.string();
            String reason = in.string();
            int duration = in.buffer.getInt();
            recent.add(new Interaction(callId, direction, outcome, operatorId, campaignId, reason,
                    duration == NULL ? null : duration, in.string(), in.instant()));
        }
        CallerSignals signals = new CallerSignals(in.buffer.getLong(), in.buffer.getLong(), in.buffer.get() != 0,
                in.instant());
        return new CallerReader.History(recent, signals, in.instant(), in.instant());
    }

    private static void consents(Packer out, CallerConsents consents) throws IOException {
        out.count(consents.consents().size());
        for (CallerConsents.Consent consent : consents.consents()) {
            out.string(consent.purpose());
            out.string(consent.channel());
            out.string(consent.legalBasis());
            out.string(consent.status());
            out.instant(consent.validUntil());
            out.instant(consent.since());
        }
        CallerConsents.StopListing listing = consents.stopListing();
        out.data.writeBoolean(listing != null);
        if (listing != null) {
            out.string(listing.channel());
            out.instant(listing.since());
        }
        out.data.writeBoolean(consents.erased());
    }

    private static CallerConsents consents(Unpacker in) {
        int count = in.count();
        List<CallerConsents.Consent> consents = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            consents.add(new CallerConsents.Consent(in.string(), in.string(), in.string(), in.string(), in.instant(),
                    in.instant()));
        }
        CallerConsents.StopListing listing = in.buffer.get() == 0 ? null
                : new CallerConsents.StopListing(in.string(), in.instant());
        return new CallerConsents(consents, listing, in.buffer.get() != 0);
    }

    /** Writes values in the order {@link Unpacker} reads them; lengths and counts of -1 stand for null. */
    private static final class Packer {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        private final DataOutputStream data = new DataOutputStream(bytes);

        void count(int count) throws IOException {
            data.writeInt(count);
        }

        void string(String value) throws IOException {
            bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(byte[] value) throws IOException {
            if (value == null) {
                data.writeInt(NULL);
                return;
            }
            data.writeInt(value.length);
            data.write(value);
        }

        void strings(List<String> values) throws IOException {
            count(values.size());
            for (String value : values) {
                string(value);
            }
        }

        void uuid(UUID value) throws IOException {
            data.writeLong(value.getMostSignificantBits());
            data.writeLong(value.getLeastSignificantBits());
        }

        void instant(Instant value) throws IOException {
            data.writeBoolean(value != null);
            if (value != null) {
                data.writeLong(value.getEpochSecond());
                data.writeInt(value.getNano());
            }
        }

        void time(LocalTime value) throws IOException {
            data.writeLong(value == null ? NULL : value.toNanoOfDay());
        }

        byte[] bytes() throws IOException {
            data.flush();
            return bytes.toByteArray();
        }
    }

    /** Reads what {@link Packer} wrote (both big-endian). */
    private static final class Unpacker {

        private final ByteBuffer buffer;

        Unpacker(byte[] packed) {
            this.buffer = ByteBuffer.wrap(packed);
        }

        int count() {
            return buffer.getInt();
        }

        String string() {
            int length = buffer.getInt();
            if (length == NULL) {
                return null;
            }
            String value = new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8);
            buffer.position(buffer.position() + length);
            return value;
        }

        byte[] bytes() {
            int length = buffer.getInt();
            if (length == NULL) {
                return null;
            }
            byte[] value = new byte[length];
            buffer.get(value);
            return value;
        }

        List<String> strings() {
            int count = count();
            List<String> values = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                values.add(string());
            }
            return values;
        }

        UUID uuid() {
            return new UUID(buffer.getLong(), buffer.getLong());
        }

        Instant instant() {
            if (buffer.get() == 0) {
                return null;
            }
            return Instant.ofEpochSecond(buffer.getLong(), buffer.getInt());
        }

        LocalTime time() {
            long nanoOfDay = buffer.getLong();
            return nanoOfDay == NULL ? null : LocalTime.ofNanoOfDay(nanoOfDay);
        }
    }
}
