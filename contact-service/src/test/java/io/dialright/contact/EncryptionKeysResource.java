package io.dialright.contact;

import io.dialright.testsupport.KeyRingResource;

/** contact-service's field-encryption key ring for this test run. */
public class EncryptionKeysResource extends KeyRingResource {

    public EncryptionKeysResource() {
        super("dialright.contact.encryption");
    }
}
