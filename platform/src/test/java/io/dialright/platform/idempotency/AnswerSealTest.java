package io.dialright.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

import io.dialright.platform.crypto.BlindIndex;
import org.junit.jupiter.api.Test;

class AnswerSealTest {

    private static final String CLIENT = AnswerSeal.client("web-form", List.of("integration"), null);
    private static final String OTHER_CLIENT = AnswerSeal.client("crm", List.of("integration"), null);
    private static final IdempotencyKey KEY = new IdempotencyKey("5f0c1a36-7d59-4d1c-9a5e-2f6f0e8a9b41");

    private final AnswerSeal seal = new AnswerSeal(new BlindIndex(filled(1)));

    @Test
    void theStoredFingerprintNeedsTheServiceKeyAndTheClientsKey() throws Exception {
        // A body that is little more than a number: its plain SHA-256 could be found by trying every number.
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("{\"number\":\"+79161234567\"}"
                .getBytes(StandardCharsets.UTF_8));
        byte[] stored = seal.fingerprint(CLIENT, KEY, digest);

        assertThat(stored).isNotEqualTo(digest).isEqualTo(seal.fingerprint(CLIENT, KEY, digest));
        assertThat(new AnswerSeal(new BlindIndex(filled(2))).fingerprint(CLIENT, KEY, digest)).isNotEqualTo(stored);
        assertThat(seal.fingerprint(CLIENT, new IdempotencyKey("another"), digest)).isNotEqualTo(stored);
        assertThat(seal.fingerprint(OTHER_CLIENT, KEY, digest)).isNotEqualTo(stored);
    }

    @Test
    void aSealedAnswerOpensOnlyForItsClientKeyRowAndHeaders() throws Exception {
        byte[] body = "{\"phones\":[{\"e164\":\"+79161234567\"}]}".getBytes(StandardCharsets.UTF_8);
        String lookupKey = seal.lookupKey(CLIENT, KEY);
        AnswerSeal.Answer answer = new AnswerSeal.Answer(lookupKey, 201, "application/json", "/api/contacts/1");
        byte[] sealed = seal.seal(CLIENT, KEY, answer, body);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("9161234567");
        assertThat(seal.open(CLIENT, KEY, answer, sealed)).isEqualTo(body);
        assertThatThrownBy(() -> seal.open(OTHER_CLIENT, KEY, answer, sealed))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> seal.open(CLIENT, new IdempotencyKey("another"), answer, sealed))
                .isInstanceOf(GeneralSecurityException.class);
        // Status and headers are kept in clear beside the body: changing one in the database is detected.
        assertThatThrownBy(() -> seal.open(CLIENT, KEY, new AnswerSeal.Answer(lookupKey, 201, "application/json",
                "/api/contacts/2"), sealed)).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> seal.open(CLIENT, KEY, new AnswerSeal.Answer(lookupKey, 200, "application/json",
                "/api/contacts/1"), sealed)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void lookupKeysSeparateClientsAndKeys() {
        assertThat(seal.lookupKey(CLIENT, KEY)).hasSize(64).isEqualTo(seal.lookupKey(CLIENT, KEY))
                .isNotEqualTo(seal.lookupKey(OTHER_CLIENT, KEY))
                .isNotEqualTo(seal.lookupKey(CLIENT, new IdempotencyKey("another")));
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }
}
