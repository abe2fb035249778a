package io.dialright.platform.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.access.RevocationFeed;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the revocation list is loaded: until then requests with a token are answered 503. After that a
 * broker outage leaves the service ready with the last known list (the feed keeps retrying; the current error is in
 * the data). Down also if the feed thread has stopped, since the list would silently stop following revocations.
 */
@Readiness
@ApplicationScoped
public class RevocationsReadinessCheck implements HealthCheck {

    private final Revocations revocations;

    public RevocationsReadinessCheck(Revocations revocations) {
        this.revocations = revocations;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("revocations");
        RevocationFeed.Status status = revocations.status().orElse(null);
        if (status == null) {
            return response.down().withData("list", "not started").build();
        }
        response.status(status.loaded() && status.running())
                .withData("list", status.loaded() ? "loaded" : "loading")
                .withData("feed", status.running() ? "following" : "stopped")
                .withData("revokedSubjects", status.revokedSubjects())
                .withData("skippedRecords", status.skipped());
        if (status.error() != null) {
            response.withData("error", status.error());
        }
        return response.build();
    }
}
