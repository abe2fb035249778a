package io.dialright.platform.security;

import java.math.BigDecimal;
import java.security.Principal;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.access.Revocation;
import io.dialright.platform.config.PlatformConfig;
import io.dialright.platform.problem.ProblemException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Refuses the verified token of a revoked subject as if it were invalid: the identity fails with
 * {@link AuthenticationFailedException}, which {@code ProblemMapper} answers with 401 problem+json like any other bad
 * token. While the revocation list is not loaded every token fails with a 503 {@link ProblemException}: serving
 * would risk letting a dismissed employee in. Anonymous requests pass through to the usual 401 of the endpoint.
 */
@ApplicationScoped
public class RevokedTokenAugmentor implements SecurityIdentityAugmentor {

    private static final Logger LOG = Logger.getLogger(RevokedTokenAugmentor.class);

    private final Revocations revocations;
    private final PlatformConfig config;

    public RevokedTokenAugmentor(Revocations revocations, PlatformConfig config) {
        this.revocations = revocations;
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        if (!revocations.loaded()) {
            return Uni.createFrom().failure(ProblemException.unavailable("This service is still loading the list "
                    + "of revoked access and cannot check your token yet. Try again shortly.",
                    config.revocations().retryAfterSeconds()));
        }
        String subject = subjectOf(identity.getPrincipal());
        Long issuedAt = issuedAtOf(identity.getPrincipal());
        Optional<Revocation> revocation = revocations.refusing(subject, issuedAt);
        if (revocation.isPresent()) {
            // The subject and the reason, never the token.
            LOG.infof("Refused a token of revoked subject %s (issued at %s, revoked from %s): %s", subject,
                    issuedAt == null ? "unknown" : issuedAt, revocation.get().effectiveAt(),
                    revocation.get().reason());
            return Uni.createFrom().failure(new AuthenticationFailedException("subject revoked"));
        }
        return Uni.createFrom().item(identity);
    }

    /** The {@code sub} claim, or the name when a token has none, as {@code CurrentActor} reads it. */
    private static String subjectOf(Principal principal) {
        if (principal instanceof JsonWebToken token && token.getSubject() != null) {
            return token.getSubject();
        }
        return principal == null ? null : principal.getName();
    }

    /** The {@code iat} claim in epoch seconds; {@code null} when absent (the token is then refused if revoked). */
    private static Long issuedAtOf(Principal principal) {
        if (!(principal instanceof JsonWebToken token)) {
            return null;
        }
        Object issuedAt = token.getClaim(Claims.iat.name());
        if (issuedAt instanceof Number number) {
            return number.longValue();
        }
        return issuedAt == null ? null : new BigDecimal(issuedAt.toString()).longValue();
    }
}
