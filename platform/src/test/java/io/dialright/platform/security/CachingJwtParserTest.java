package io.dialright.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.dialright.access.VerifiedTokens;
import io.dialright.localstack.DevKeys;
import io.dialright.localstack.DevTokens;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The services' parser with smallrye-jwt's real verification behind it: what it remembers, and for how long. */
class CachingJwtParserTest {

    private static final String ISSUER = "dialright-test";

    @TempDir
    Path keyDir;

    @Test
    void aVerifiedTokenIsAnsweredFromMemoryWithTheSameClaims() throws Exception {
        DevKeys keys = DevKeys.loadOrCreate(keyDir);
        CachingJwtParser parser = parser(keys, Clock.systemUTC());
        String token = DevTokens.sign(keys, claims(Duration.ofMinutes(15)));

        JsonWebToken first = parser.parse(token);
        JsonWebToken second = parser.parse(token);

        // smallrye-jwt builds a new principal on every verification: the same instance means no second check.
        assertThat(second).isSameAs(first);
        assertThat(second.getSubject()).isEqualTo("operator-1");
        assertThat(second.getGroups()).containsExactly("operator");
    }

    @Test
    void aRememberedTokenIsVerifiedAgainOnceItsExpHasPassed() throws Exception {
        DevKeys keys = DevKeys.loadOrCreate(keyDir);
        Map<String, Object> claims = claims(Duration.ofMinutes(15));
        long exp = ((Number) claims.get("exp")).longValue();
        MovableClock clock = new MovableClock(Instant.ofEpochSecond(exp - 1));
        CachingJwtParser parser = parser(keys, clock);
        String token = DevTokens.sign(keys, claims);

        JsonWebToken beforeExp = parser.parse(token);
        clock.now = Instant.ofEpochSecond(exp);

        // The real parser (on the real clock) still accepts the token; the point is that it was asked again.
        assertThat(parser.parse(token)).isNotSameAs(beforeExp);
    }

    @Test
    void aTokenPastItsExpIsNeverRememberedEvenWhereTheParsersClockSkewStillAcceptsIt() throws Exception {
        DevKeys keys = DevKeys.loadOrCreate(keyDir);
        Map<String, Object> claims = claims(Duration.ofMinutes(15));
        long iat = Instant.now().minusSeconds(120).getEpochSecond();
        claims.put("iat", iat);
        claims.put("exp", Instant.now().minusSeconds(10).getEpochSecond()); // inside the 60 s default skew
        CachingJwtParser parser = parser(keys, Clock.systemUTC());
        String token = DevTokens.sign(keys, claims);

        JsonWebToken first = parser.parse(token);

        assertThat(parser.parse(token)).isNotSameAs(first);
    }

    @Test
    void aRefusedTokenIsVerifiedAndRefusedEveryTime() {
        DevKeys keys = DevKeys.loadOrCreate(keyDir);
        DevKeys otherKeys = DevKeys.loadOrCreate(keyDir.resolve("other"));
        CountingParser verifier = new CountingParser(keys);
        CachingJwtParser parser = new CachingJwtParser(verifier, Clock.systemUTC());
        String forged = DevTokens.sign(otherKeys, claims(Duration.ofMinutes(15)));

        assertThatThrownBy(() -> parser.parse(forged)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> parser.parse(forged)).isInstanceOf(ParseException.class);
        assertThat(verifier.verifications).isEqualTo(2);
    }

    @Test
    void anotherSpellingOfAValidTokenIsRefusedBeforeVerification() throws Exception {
        DevKeys keys = DevKeys.loadOrCreate(keyDir);
        CountingParser verifier = new CountingParser(keys);
        CachingJwtParser parser = new CachingJwtParser(verifier, Clock.systemUTC());
        String token = DevTokens.sign(keys, claims(Duration.ofMinutes(15)));
        // smallrye-jwt itself accepts this spelling: each such variant would otherwise be one more entry.
        assertThat(new DefaultJWTParser(new JWTAuthContextInfo(keys.publicKey(), ISSUER)).parse(token + "=")
                .getSubject()).isEqualTo("operator-1");

        assertThatThrownBy(() -> parser.parse(token + "=")).isInstanceOf(ParseException.class)
                .hasMessageContaining("canonical");
        assertThat(verifier.verifications).isZero();
        parser.parse(token);
        parser.parse(token);
        assertThat(verifier.verifications).isEqualTo(1);
    }

    @Test
    void aTokenIsVerifiedAgainAfterTheMaximumAgeEvenBeforeItsExp() throws Exception {
        DevKeys keys = DevKeys.loadOrCreate(keyDir);
        MovableClock clock = new MovableClock(Instant.now());
        CountingParser verifier = new CountingParser(keys);
        CachingJwtParser parser = new CachingJwtParser(verifier, clock);
        String token = DevTokens.sign(keys, claims(Duration.ofMinutes(15)));

        parser.parse(token);
        clock.now = clock.now.plusSeconds(VerifiedTokens.MAX_AGE_SECONDS);
        parser.parse(token);

        assertThat(verifier.verifications).as("a key withdrawn meanwhile would refuse it now").isEqualTo(2);
    }

    @Test
    void aTokenDifferingInOneByteIsVerifiedOnItsOwn() throws Exception {
        DevKeys keys = DevKeys.loadOrCreate(keyDir);
        CachingJwtParser parser = parser(keys, Clock.systemUTC());
        String token = DevTokens.sign(keys, claims(Duration.ofMinutes(15)));
        parser.parse(token);
        String tampered = token.substring(0, token.length() - 2)
                + (token.charAt(token.length() - 2) == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);

        assertThatThrownBy(() -> parser.parse(tampered)).isInstanceOf(ParseException.class);
    }

    private static CachingJwtParser parser(DevKeys keys, Clock clock) {
        JWTAuthContextInfo context = new JWTAuthContextInfo(keys.publicKey(), ISSUER);
        return new CachingJwtParser(new DefaultJWTParser(context), clock);
    }

    private static Map<String, Object> claims(Duration lifetime) {
        Map<String, Object> claims = DevTokens.claims("operator-1", List.of("operator"), "team-a", lifetime, ISSUER);
        claims.remove("aud"); // the context above names no audience to check
        return claims;
    }

    /** smallrye-jwt's parser, counting the verifications it is asked for. */
    private static final class CountingParser extends DefaultJWTParser {

        private int verifications;

        CountingParser(DevKeys keys) {
            super(new JWTAuthContextInfo(keys.publicKey(), ISSUER));
        }

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            verifications++;
            return super.parse(token);
        }
    }

    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
