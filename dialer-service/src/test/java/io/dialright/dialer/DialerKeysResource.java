package io.dialright.dialer;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** dialer-service's member-number key ring for this test run, as {@code ./dialright up} generates one. */
public class DialerKeysResource implements QuarkusTestResourceLifecycleManager {

    private static final String KEY = randomKey();

    @Override
    public Map<String, String> start() {
        return Map.of("dialright.dialer.encryption.key-ring", "test-1:" + KEY,
                "dialright.dialer.encryption.primary-key-id", "test-1");
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
