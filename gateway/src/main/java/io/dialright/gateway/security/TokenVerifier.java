package io.dialright.gateway.security;

import java.util.List;
import java.util.Set;

import jakarta.inject.Singleton;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies the bearer token of an API request with smallrye-jwt: RS256 signature against the configured key,
 * {@code exp}, {@code nbf}, {@code iss} and {@code aud} (all from the {@code mp.jwt.verify.*} settings), and then
 * the one rule the library does not know: a Dialright token must carry at least one role in {@code groups}.
 *
 * <p>It runs on the event loop, as Quarkus' own JWT mechanism does by default: verification is CPU work and the key
 * is read once and cached.
 */
@Singleton
public class TokenVerifier {

    private final JWTParser parser;

    public TokenVerifier(JWTParser parser) {
        this.parser = parser;
    }

    public Verdict verify(List<String> authorizationHeaders) {
        BearerCredential credential = BearerCredential.from(authorizationHeaders);
        if (!credential.present()) {
            return new Verdict.Refused(credential.refusal());
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(credential.token());
        } catch (ParseException | RuntimeException e) {
            // A malformed token can also surface as an unchecked exception from the JOSE layer; it is still a 401.
            return new Verdict.Refused(Redaction.reason(e, credential.token()));
        }
        Set<String> groups = jwt.getGroups();
        if (groups == null || groups.isEmpty() || groups.stream().allMatch(String::isBlank)) {
            return new Verdict.Refused("token of subject " + jwt.getSubject() + " has no groups claim");
        }
        return new Verdict.Accepted(jwt.getSubject());
    }
}
