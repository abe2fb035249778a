package io.dialright.testsupport;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A blind-index key generated for this test run, as {@code ./dialright up} generates one for a local stack. */
public class SecretsResource implements QuarkusTestResourceLifecycleManager {

    private static final String BLIND_INDEX_KEY = randomKey();

    @Override
    public Map<String, String> start() {
        return Map.of("dialright.blind-index-key", BLIND_INDEX_KEY);
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
