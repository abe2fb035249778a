package io.dialright.contact;

import static io.dialright.contact.Fixtures.ADMIN;
import static io.dialright.contact.Fixtures.SUPERVISOR_A;
import static io.dialright.contact.Fixtures.WEB_FORM;
import static io.dialright.contact.Fixtures.createdBy;
import static io.dialright.contact.Fixtures.freshMobile;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.dialright.contact.crypto.PhoneVault;
import io.dialright.contact.domain.ContactPhone;
import io.dialright.platform.crypto.FieldCipher;
import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rotation (C-7): the service runs with a ring of a new primary key and the old key. Numbers sealed under the old
 * key (written here as an earlier deployment would have) still open; the re-encryption moves them to the new key.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "contact"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(KeyRotationTest.RotatedKeys.class)
class KeyRotationTest {

    /** A ring of "new" (primary) and "old", generated for this run. */
    public static class RotatedKeys implements QuarkusTestResourceLifecycleManager {

        static final byte[] OLD = random();
        static final byte[] NEW = random();

        @Override
        public Map<String, String> start() {
            return Map.of("dialright.blind-index-key", Base64.getEncoder().encodeToString(random()),
                    "dialright.contact.encryption.key-ring", "new:" + base64(NEW) + ",old:" + base64(OLD),
                    "dialright.contact.encryption.primary-key-id", "new");
        }

        @Override
        public void stop() {
        }

        private static byte[] random() {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return key;
        }

        private static String base64(byte[] key) {
            return Base64.getEncoder().encodeToString(key);
        }
    }

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void numbersUnderTheOldKeyStayReadableAndMoveToTheNewKey() throws Exception {
        String e164 = freshMobile();
        String id = createdBy(WEB_FORM, "Kseniya", e164);
        UUID phoneId = UUID.fromString(given().auth().oauth2(SUPERVISOR_A).get("/api/contacts/{id}", id)
                .then().extract().path("phones[0].id"));
        assertThat(keyOf(phoneId)).isEqualTo("new");

        // As an earlier deployment whose primary key was "old" would have written it.
        FieldCipher old = new FieldCipher(Map.of("old", RotatedKeys.OLD), "old");
        FieldCipher.Sealed sealed = old.seal(e164, ContactPhone.sealingContext(phoneId));
        write(phoneId, sealed);

        given().auth().oauth2(SUPERVISOR_A).get("/api/contacts/{id}", id)
                .then().statusCode(200).body("phones[0].e164", equalTo(e164));
        given().auth().oauth2(ADMIN).get("/api/contacts/encryption-keys")
                .then().statusCode(200).body("find { it.keyId == 'old' }.numbers", equalTo(1));

        given().auth().oauth2(ADMIN).post("/api/contacts/encryption-keys/reencryption")
                .then().statusCode(200).body("numbersMoved", equalTo(1));

        assertThat(keyOf(phoneId)).isEqualTo("new");
        given().auth().oauth2(SUPERVISOR_A).get("/api/contacts/{id}", id)
                .then().statusCode(200).body("phones[0].e164", equalTo(e164));
        FieldCipher onlyNew = new FieldCipher(Map.of("new", RotatedKeys.NEW), "new");
        assertThat(onlyNew.open(readSealed(phoneId), ContactPhone.sealingContext(phoneId))).isEqualTo(e164);
    }

    @Test
    void recordingReferencesInClearOrUnderTheOldKeyStayReadableAndAreSealedUnderTheNewKey() throws Exception {
        String e164 = freshMobile();
        String id = createdBy(WEB_FORM, "Rostislav", e164);
        // As a deployment before migration V11 wrote one (in clear), and one sealed under the old key.
        UUID inClear = UUID.randomUUID();
        UUID underOldKey = UUID.randomUUID();
        String clearRef = "out-" + e164.substring(1) + "-101.wav";
        String oldRef = "in-" + e164.substring(1) + "-102.wav";
        FieldCipher old = new FieldCipher(Map.of("old", RotatedKeys.OLD), "old");
        FieldCipher.Sealed sealedOld = old.seal(oldRef, PhoneVault.recordingRefContext(underOldKey));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO interaction (id, call_id, contact_id, direction, outcome, recording_ref,
                                              recording_ref_sealed, recording_key_id, occurred_at)
                     VALUES (?, ?, ?, 'INBOUND', 'RESOLVED', ?, ?, ?, now())""")) {
            insert.setObject(1, inClear);
            insert.setString(2, "call-" + inClear);
            insert.setObject(3, UUID.fromString(id));
            insert.setString(4, clearRef);
            insert.setBytes(5, null);
            insert.setString(6, null);
            insert.addBatch();
            insert.setObject(1, underOldKey);
            insert.setString(2, "call-" + underOldKey);
            insert.setObject(3, UUID.fromString(id));
            insert.setString(4, null);
            insert.setBytes(5, sealedOld.ciphertext());
            insert.setString(6, "old");
            insert.addBatch();
            insert.executeBatch();
        }
        given().auth().oauth2(SUPERVISOR_A).queryParam("number", e164).get("/api/lookup")
                .then().statusCode(200).body("recentInteractions.recordingRef", hasItems(clearRef, oldRef));
        given().auth().oauth2(ADMIN).get("/api/contacts/encryption-keys")
                .then().statusCode(200).body("find { it.keyId == 'old' }.recordingRefs", equalTo(1));

        given().auth().oauth2(ADMIN).post("/api/contacts/encryption-keys/reencryption").then().statusCode(200);

        FieldCipher onlyNew = new FieldCipher(Map.of("new", RotatedKeys.NEW), "new");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT recording_ref, recording_key_id, recording_ref_sealed FROM interaction WHERE id = ?""")) {
            for (Map.Entry<UUID, String> row : Map.of(inClear, clearRef, underOldKey, oldRef).entrySet()) {
                select.setObject(1, row.getKey());
                try (ResultSet stored = select.executeQuery()) {
                    assertThat(stored.next()).isTrue();
                    assertThat(stored.getString(1)).isNull();
                    assertThat(onlyNew.open(new FieldCipher.Sealed(stored.getString(2), stored.getBytes(3)),
                            PhoneVault.recordingRefContext(row.getKey()))).isEqualTo(row.getValue());
                }
            }
        }
    }

    @Test
    void aCiphertextMovedToAnotherRowNoLongerOpens() throws Exception {
        String id = createdBy(WEB_FORM, "Lidiya", freshMobile());
        UUID phoneId = UUID.fromString(given().auth().oauth2(SUPERVISOR_A).get("/api/contacts/{id}", id)
                .then().extract().path("phones[0].id"));
        FieldCipher ring = new FieldCipher(Map.of("new", RotatedKeys.NEW), "new");
        FieldCipher.Sealed sealed = readSealed(phoneId);
        assertThatThrownBy(() -> ring.open(sealed, ContactPhone.sealingContext(UUID.randomUUID())))
                .hasMessageContaining("another row");
    }

    private String keyOf(UUID phoneId) throws Exception {
        return readSealed(phoneId).keyId();
    }

    private FieldCipher.Sealed readSealed(UUID phoneId) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT key_id, ciphertext FROM contact_phone WHERE id = ?")) {
            select.setObject(1, phoneId);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return new FieldCipher.Sealed(row.getString(1), row.getBytes(2));
            }
        }
    }

    private void write(UUID phoneId, FieldCipher.Sealed sealed) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE contact_phone SET key_id = ?, ciphertext = ? WHERE id = ?")) {
            update.setString(1, sealed.keyId());
            update.setBytes(2, sealed.ciphertext());
            update.setObject(3, phoneId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
