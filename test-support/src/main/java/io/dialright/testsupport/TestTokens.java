package io.dialright.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.dialright.localstack.DevKeys;
import io.dialright.localstack.DevTokens;

/**
 * Tokens for tests, signed with a key pair generated for this test run under {@code target/test-keys} (never
 * committed). {@link #claims} gives the claims of a valid token so a test can break exactly one of them. An
 * integration token holds every scope ({@link DevTokens#ALL_SCOPES}) unless made by {@link #integration} with the
 * scopes a test asks for.
 */
public final class TestTokens {

    public static final String ISSUER = "dialright-test";

    private static DevKeys keys;

    private TestTokens() {
    }

    public static synchronized DevKeys keys() {
        if (keys == null) {
            Path dir = Path.of("target", "test-keys", Long.toString(ProcessHandle.current().pid()));
            keys = DevKeys.loadOrCreate(dir.toAbsolutePath());
        }
        return keys;
    }

    /** A valid 15-minute token of {@code subject} in {@code role}. */
    public static String token(String subject, String role) {
        return token(subject, role, null);
    }

    public static String token(String subject, String role, String team) {
        return sign(claims(subject, role, team));
    }

    /** A valid 15-minute token of integration client {@code subject} holding exactly {@code scopes} (maybe none). */
    public static String integration(String subject, String... scopes) {
        return sign(DevTokens.claims(subject, List.of(DevTokens.INTEGRATION), null, Duration.ofMinutes(15), ISSUER,
                List.of(scopes)));
    }

    /** Claims of a valid token, mutable. */
    public static Map<String, Object> claims(String subject, String role, String team) {
        return DevTokens.claims(subject, List.of(role), team, Duration.ofMinutes(15), ISSUER);
    }

    public static String sign(Map<String, Object> claims) {
        return DevTokens.sign(keys(), claims);
    }
}
