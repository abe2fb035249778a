package io.dialright.contact.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.dialright.contact.crypto.PhoneVault;
import io.dialright.platform.crypto.FieldCipher;
import io.dialright.platform.phone.PhoneNumber;

/**
 * A valid row with everything computed that needs no database: ids, blind indexes and sealed numbers. Built in
 * parallel, so the two cores share the hashing and encryption.
 */
record PreparedRow(RowNormaliser.NormalRow row, UUID contactId, List<PreparedPhone> phones) {

    record PreparedPhone(UUID id, String hash, FieldCipher.Sealed sealed, PhoneNumber number) {
    }

    static PreparedRow of(RowNormaliser.NormalRow row, PhoneVault vault) {
        List<PreparedPhone> phones = new ArrayList<>(row.phones().size());
        for (PhoneNumber number : row.phones()) {
            UUID id = UUID.randomUUID();
            phones.add(new PreparedPhone(id, vault.blindIndexOf(number.e164()), vault.seal(id, number.e164()),
                    number));
        }
        return new PreparedRow(row, UUID.randomUUID(), phones);
    }
}
