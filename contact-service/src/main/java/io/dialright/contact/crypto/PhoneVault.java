package io.dialright.contact.crypto;

import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.dialright.contact.config.ContactConfig;
import io.dialright.contact.domain.ContactPhone;
import io.dialright.contact.domain.RowIds;
import io.dialright.platform.crypto.BlindIndex;
import io.dialright.platform.crypto.FieldCipher;
import io.dialright.platform.phone.PhoneNumber;

/**
 * The only code that turns numbers into stored form and back (C-7): the E.164 is sealed with AES-256-GCM bound to
 * its row, found again through its blind index, and shown elsewhere only masked. A call's recording reference, which
 * often names the number, is sealed the same way.
 */
@ApplicationScoped
public class PhoneVault {

    private final FieldCipher cipher;
    private final BlindIndex blindIndex;

    @Inject
    public PhoneVault(ContactConfig config, BlindIndex blindIndex) {
        this(FieldCipher.fromKeyRing(config.encryption().keyRing(), config.encryption().primaryKeyId()), blindIndex);
    }

    /** A vault on a given key ring (tests that build their readers by hand). */
    public PhoneVault(FieldCipher cipher, BlindIndex blindIndex) {
        this.cipher = cipher;
        this.blindIndex = blindIndex;
    }

    /** A new phone row for {@code number}; the caller sets contact, position, label and comment. */
    public ContactPhone newPhone(PhoneNumber number, Instant now) {
        ContactPhone phone = new ContactPhone();
        phone.id = RowIds.next();
        phone.phoneHash = blindIndex.of(number.e164());
        FieldCipher.Sealed sealed = cipher.seal(number.e164(), ContactPhone.sealingContext(phone.id));
        phone.ciphertext = sealed.ciphertext();
        phone.keyId = sealed.keyId();
        phone.masked = number.masked();
        phone.type = number.type().name();
        phone.region = number.region();
        phone.timeZones = new ArrayList<>(number.timeZones());
        phone.createdAt = now;
        return phone;
    }

    /** The E.164 of a stored phone; call only where the caller's role may see it, and audit that it did. */
    public String reveal(ContactPhone phone) {
        return reveal(phone.id, phone.keyId, phone.ciphertext);
    }

    public String reveal(UUID phoneId, String keyId, byte[] ciphertext) {
        return cipher.open(new FieldCipher.Sealed(keyId, ciphertext), ContactPhone.sealingContext(phoneId));
    }

    /** The same number sealed again under the primary key, for the re-encryption job. */
    public FieldCipher.Sealed reseal(UUID phoneId, String keyId, byte[] ciphertext) {
        return cipher.seal(reveal(phoneId, keyId, ciphertext), ContactPhone.sealingContext(phoneId));
    }

    /** Sealing without a row entity, for bulk writers (import) that build rows themselves. */
    public FieldCipher.Sealed seal(UUID phoneId, String e164) {
        return cipher.seal(e164, ContactPhone.sealingContext(phoneId));
    }

    /** A call's recording reference, which may name the caller's number, sealed to its interaction row. */
    public FieldCipher.Sealed sealRecordingRef(UUID interactionId, String recordingRef) {
        return cipher.seal(recordingRef, recordingRefContext(interactionId));
    }

    public String openRecordingRef(UUID interactionId, String keyId, byte[] sealed) {
        return cipher.open(new FieldCipher.Sealed(keyId, sealed), recordingRefContext(interactionId));
    }

    /** What a recording reference is bound to: its row and column (AES-GCM associated data). */
    public static String recordingRefContext(UUID interactionId) {
        return "interaction.recording_ref_sealed:" + interactionId;
    }

    public String blindIndexOf(String e164) {
        return blindIndex.of(e164);
    }

    public String primaryKeyId() {
        return cipher.primaryKeyId();
    }
}
