package io.dialright.gateway.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Singleton;
import jakarta.json.JsonString;

import io.dialright.access.CompactTokens;
import io.dialright.access.VerifiedTokens;
import io.dialright.gateway.access.Roles;
import io.dialright.gateway.config.GatewayConfig;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.json.JsonObject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies the bearer token of an API request with smallrye-jwt: RS256 signature against the configured key,
 * {@code exp}, {@code nbf}, {@code iss} and {@code aud} (all from the {@code mp.jwt.verify.*} settings), and then
 * the rules the library does not know: a Dialright token carries {@code iat} and {@code exp} and lives no longer than
 * the maximum for its kind (API.md: ≤ 15 min for people), names no key id the gateway does not have, and holds at
 * least one role in {@code groups}.
 *
 * <p>It runs on the event loop, as Quarkus' own JWT mechanism does by default: verification is CPU work and the key
 * is read once and cached.
 */
@Singleton
public class TokenVerifier {

    private final JWTParser parser;
    private final GatewayConfig.Tokens rules;

    private final boolean keysFromUrl;
    /** Enough for every person and client of a large call centre at once (a verdict is small). */
    private static final int REMEMBERED_TOKENS = 50_000;

    private final VerifiedTokens<Verdict.Accepted> verified = new VerifiedTokens<>(REMEMBERED_TOKENS);
    private final Clock clock = Clock.systemUTC();

    public TokenVerifier(JWTParser parser, GatewayConfig config,
                         @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keyLocation) {
        this.parser = parser;
        this.rules = config.tokens();
        this.keysFromUrl = keyLocation.map(location -> location.strip().toLowerCase(Locale.ROOT))
                .filter(location -> location.startsWith("http:") || location.startsWith("https:")).isPresent();
    }

    public Verdict verify(List<String> authorizationHeaders) {
        BearerCredential credential = BearerCredential.from(authorizationHeaders);
        if (!credential.present()) {
            return new Verdict.Refused(credential.refusal());
        }
        long now = clock.instant().getEpochSecond();
        Verdict.Accepted known = verified.get(credential.token(), now);
        if (known != null) {
            return known;
        }
        if (!CompactTokens.isCanonical(credential.token())) {
            return new Verdict.Refused("token is not a compact JWS in its canonical spelling");
        }
        String kidRefusal = unknownKeyId(credential.token());
        if (kidRefusal != null) {
            return new Verdict.Refused(kidRefusal);
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(credential.token());
        } catch (ParseException | RuntimeException e) {
            // A malformed token can also surface as an unchecked exception from the JOSE layer; it is still a 401.
            return new Verdict.Refused(Redaction.reason(e, credential.token()));
        }
        String subject = jwt.getSubject();
        Set<String> groups = jwt.getGroups();
        if (groups == null || groups.isEmpty() || groups.stream().allMatch(String::isBlank)) {
            return new Verdict.Refused("token of subject " + subject + " has no groups claim");
        }
        if (subject == null || subject.isBlank()) {
            return new Verdict.Refused("token has no subject");
        }
        if (!jwt.containsClaim(Claims.iat.name()) || !jwt.containsClaim(Claims.exp.name())) {
            return new Verdict.Refused("token of subject " + subject + " lacks iat or exp");
        }
        long lifetime = jwt.getExpirationTime() - jwt.getIssuedAtTime();
        Duration maximum = groups.contains(Roles.INTEGRATION) ? rules.maxClientLifetime() : rules.maxLifetime();
        if (lifetime > maximum.toSeconds()) {
            return new Verdict.Refused("token of subject " + subject + " lives " + lifetime + " s, longer than the "
                    + maximum.toSeconds() + " s allowed");
        }
        Object team = jwt.getClaim("team");
        Verdict.Accepted accepted = new Verdict.Accepted(subject, new TreeSet<>(groups), scopes(jwt),
                team == null ? null : team.toString(), jwt.getIssuedAtTime());
        // Cached until exp itself (at most VerifiedTokens.MAX_AGE_SECONDS): stricter than the parser, which allows
        // a minute of clock skew past it.
        verified.put(credential.token(), accepted, jwt.getExpirationTime(), now);
        return accepted;
    }

    /**
     * A key id the configured keys do not have. With a JWKS the library matches ids itself; with a single PEM key
     * (no ids) a token naming a key was signed for another key set, so it is refused even if the signature matched.
     */
    private String unknownKeyId(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return null; // not a JWS: the parser refuses it with its own reason
        }
        String kid;
        try {
            byte[] header = Base64.getUrlDecoder().decode(token.substring(0, dot));
            kid = new JsonObject(new String(header, StandardCharsets.UTF_8)).getString("kid");
        } catch (RuntimeException malformed) {
            return null;
        }
        if (kid == null || rules.keyIds().map(ids -> ids.contains(kid)).orElse(false)) {
            return null;
        }
        return rules.keyIds().isPresent() || !keysFromUrl ? "token names an unknown key id" : null;
    }

    private static Set<String> scopes(JsonWebToken jwt) {
        Object claim = jwt.getClaim("scope");
        String scope = claim instanceof JsonString json ? json.getString() : claim == null ? null : claim.toString();
        Set<String> scopes = new TreeSet<>();
        if (scope != null) {
            for (String value : scope.split("\\s+")) {
                if (!value.isBlank()) {
                    scopes.add(value);
                }
            }
        }
        return scopes;
    }
}
