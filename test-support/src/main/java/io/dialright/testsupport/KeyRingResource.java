package io.dialright.testsupport;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A service's field-encryption key ring for a test run, as {@code ./dialright up} generates one: one random AES-256
 * key {@code test-1}, the same for every test class of the JVM (rows one class wrote must open in the next).
 * A service's resource names its configuration prefix, e.g. {@code dialright.contact.encryption}.
 */
public abstract class KeyRingResource implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, String> KEYS = new ConcurrentHashMap<>();

    private final String prefix;

    protected KeyRingResource(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Map<String, String> start() {
        String key = KEYS.computeIfAbsent(prefix, ignored -> randomKey());
        return Map.of(prefix + ".key-ring", "test-1:" + key, prefix + ".primary-key-id", "test-1");
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
