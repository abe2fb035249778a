package io.dialright.testsupport;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Keys generated for this test run, as {@code ./dialright up} generates them for a local stack: the blind-index key
 * and contact-service's field-encryption key ring.
 */
public class SecretsResource implements QuarkusTestResourceLifecycleManager {

    private static final String BLIND_INDEX_KEY = randomKey();
    private static final String ENCRYPTION_KEY = randomKey();

    @Override
    public Map<String, String> start() {
        return Map.of("dialright.blind-index-key", BLIND_INDEX_KEY,
                "dialright.contact.encryption.key-ring", "test-1:" + ENCRYPTION_KEY,
                "dialright.contact.encryption.primary-key-id", "test-1");
    }

    @Override
    public void stop() {
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
