package io.dialright.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FieldCipherTest {

    private static final byte[] OLD = key(1);
    private static final byte[] NEW = key(2);

    @Test
    void sealsUnderThePrimaryKeyAndOpensWithAnyKeyOfTheRing() {
        FieldCipher before = new FieldCipher(Map.of("old", OLD), "old");
        FieldCipher.Sealed sealed = before.seal("+79161234567", "row:1");
        assertThat(sealed.keyId()).isEqualTo("old");
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("9161234567");

        FieldCipher after = new FieldCipher(Map.of("new", NEW, "old", OLD), "new");
        assertThat(after.open(sealed, "row:1")).isEqualTo("+79161234567");
        assertThat(after.seal("+79161234567", "row:1").keyId()).isEqualTo("new");
        assertThat(after.isStale("old")).isTrue();
        assertThat(after.isStale("new")).isFalse();
    }

    @Test
    void theSameNumberSealsDifferentlyEachTime() {
        FieldCipher cipher = new FieldCipher(Map.of("k", NEW), "k");
        assertThat(cipher.seal("+79161234567", "row:1").ciphertext())
                .isNotEqualTo(cipher.seal("+79161234567", "row:1").ciphertext());
    }

    @Test
    void anAlteredOrMovedCiphertextDoesNotOpen() {
        FieldCipher cipher = new FieldCipher(Map.of("k", NEW), "k");
        FieldCipher.Sealed sealed = cipher.seal("+79161234567", "row:1");
        assertThatThrownBy(() -> cipher.open(sealed, "row:2")).hasMessageContaining("another row");
        byte[] altered = sealed.ciphertext().clone();
        altered[altered.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.open(new FieldCipher.Sealed("k", altered), "row:1"))
                .hasMessageContaining("failed authentication");
    }

    @Test
    void aRetiredKeyIsNamedNotGuessed() {
        FieldCipher.Sealed sealed = new FieldCipher(Map.of("old", OLD), "old").seal("+79161234567", "row:1");
        FieldCipher withoutOld = new FieldCipher(Map.of("new", NEW), "new");
        assertThatThrownBy(() -> withoutOld.open(sealed, "row:1")).hasMessageContaining("Key old is not in the key ring");
    }

    @Test
    void keyRingParsingNamesTheBadEntryWithoutEchoingKeys() {
        String ring = "new:" + Base64.getEncoder().encodeToString(NEW) + ",old:" + Base64.getEncoder()
                .encodeToString(OLD);
        assertThat(FieldCipher.fromKeyRing(ring, "new").primaryKeyId()).isEqualTo("new");
        assertThatThrownBy(() -> FieldCipher.fromKeyRing("new:!!notbase64!!", "new"))
                .hasMessage("Key new of the key ring is not valid base64");
        assertThatThrownBy(() -> FieldCipher.fromKeyRing("new:" + Base64.getEncoder().encodeToString(new byte[16]),
                "new")).hasMessageContaining("AES-256 needs 32");
        assertThatThrownBy(() -> FieldCipher.fromKeyRing(ring, "other")).hasMessageContaining("primary key other");
    }

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i);
        }
        return key;
    }
}
