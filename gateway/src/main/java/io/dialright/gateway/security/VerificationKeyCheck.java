package io.dialright.gateway.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Says at start-up when the token verification key file is missing. Without it the gateway still starts (and is
 * safe: it refuses every /api/ request), but the only other trace would be one 401 log line per request.
 */
@Singleton
public class VerificationKeyCheck {

    private static final Logger LOG = Logger.getLogger(VerificationKeyCheck.class);

    private final Optional<String> location;

    public VerificationKeyCheck(
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> location) {
        this.location = location;
    }

    void onStart(@Observes StartupEvent start) {
        localFile().filter(file -> !Files.isReadable(file)).ifPresent(file -> LOG.warnf(
                "The token verification key %s cannot be read, so every /api/ request will be refused with 401."
                        + " Point mp.jwt.verify.publickey.location (MP_JWT_VERIFY_PUBLICKEY_LOCATION) at the public"
                        + " key file or JWKS URL.", file.toAbsolutePath()));
    }

    /** The key as a file path; empty for URLs and class-path resources, which are only resolved when used. */
    private Optional<Path> localFile() {
        return location.map(String::strip).filter(value -> !value.isEmpty()).flatMap(value -> {
            String lower = value.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http:") || lower.startsWith("https:") || lower.startsWith("classpath:")) {
                return Optional.empty();
            }
            if (lower.startsWith("file:")) {
                return Optional.of(Path.of(value.substring("file:".length())));
            }
            // A bare location is tried as a file first and then on the class path (smallrye-jwt's order).
            boolean onClassPath = Thread.currentThread().getContextClassLoader().getResource(value) != null;
            return onClassPath ? Optional.empty() : Optional.of(Path.of(value));
        });
    }
}
