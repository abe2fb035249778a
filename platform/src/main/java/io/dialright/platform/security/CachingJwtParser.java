package io.dialright.platform.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import io.dialright.access.CompactTokens;
import io.dialright.access.VerifiedTokens;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The parser Quarkus' bearer-token mechanism verifies requests with: smallrye-jwt's own, which checks the RS256
 * signature, {@code exp}, {@code iat}, issuer and audience against the {@code mp.jwt.verify.*} settings, and then
 * remembers each accepted token until its {@code exp}, for five minutes at most. Clients send the same token with
 * every request, and the signature check was the largest single CPU cost of a cheap request (a lookup, a decision, a
 * hand-out). A remembered token is the very same string that was verified; it stops being served at {@code exp}
 * itself, a little stricter than the parser (which allows its clock skew past it), and after five minutes it is
 * verified again, so a signing key withdrawn from a JWKS stops working within them. A token not in its canonical
 * spelling ({@link CompactTokens}) is refused before verification: the library would accept its variants, and
 * each would be a new entry. Revocation is still checked on every request, by
 * {@link RevokedTokenAugmentor}. Only {@link #parse(String)} — the mechanism's call — is cached, as a
 * {@link RememberedToken} whose claims are read once; the other methods verify every time.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

    private final JWTParser verifier;
    private final Clock clock;
    /**
     * People and machine clients calling one service within {@link VerifiedTokens#MAX_AGE_SECONDS}, with room to
     * spare; an entry (token and parsed claims) is a few kilobytes, so at most a few tens of megabytes.
     */
    static final int REMEMBERED_TOKENS = 10_000;

    private final VerifiedTokens<JsonWebToken> verified = new VerifiedTokens<>(REMEMBERED_TOKENS);

    @Inject
    public CachingJwtParser(DefaultJWTParser verifier) {
        this(verifier, Clock.systemUTC());
    }

    CachingJwtParser(JWTParser verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = clock.instant().getEpochSecond();
        JsonWebToken known = verified.get(token, now);
        if (known != null) {
            return known;
        }
        if (!CompactTokens.isCanonical(token)) {
            // The library would accept variants of one signed token; each would be a new entry here.
            throw new ParseException("The token is not a compact JWS in its canonical spelling");
        }
        JsonWebToken jwt = new RememberedToken(verifier.parse(token));
        verified.put(token, jwt, jwt.getExpirationTime(), now);
        return jwt;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
