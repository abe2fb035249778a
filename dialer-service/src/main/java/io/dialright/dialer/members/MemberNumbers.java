package io.dialright.dialer.members;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.dialer.config.DialerConfig;
import io.dialright.platform.crypto.FieldCipher;

/**
 * The numbers of campaign members, sealed with the dialer's own key ring (AES-256-GCM). The associated data binds a
 * ciphertext to its campaign and contact, so a ciphertext copied to another row does not open.
 */
@ApplicationScoped
public class MemberNumbers {

    private final FieldCipher cipher;

    public MemberNumbers(DialerConfig config) {
        this.cipher = FieldCipher.fromKeyRing(config.encryption().keyRing(), config.encryption().primaryKeyId());
    }

    public FieldCipher.Sealed seal(UUID campaignId, UUID contactId, String e164) {
        return cipher.seal(e164, context(campaignId, contactId));
    }

    /** The E.164 of a member; only for the operator or dialer it is handed out to. */
    public String open(UUID campaignId, UUID contactId, String keyId, byte[] ciphertext) {
        return cipher.open(new FieldCipher.Sealed(keyId, ciphertext), context(campaignId, contactId));
    }

    private static String context(UUID campaignId, UUID contactId) {
        return "campaign_member.phone:" + campaignId + ":" + contactId;
    }
}
