package io.dialright.gateway.revocation;

import jakarta.inject.Singleton;

import io.dialright.access.RevocationFeed;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the revocation list is loaded (until then every API request is answered 503), nor once its feed
 * has stopped following the topic.
 */
@Readiness
@Singleton
public class RevocationsReadinessCheck implements HealthCheck {

    private final GatewayRevocations revocations;

    public RevocationsReadinessCheck(GatewayRevocations revocations) {
        this.revocations = revocations;
    }

    @Override
    public HealthCheckResponse call() {
        RevocationFeed.Status status = revocations.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("revocations")
                // Loaded and still following: a feed that died would leave a list that no longer learns.
                .status(status.loaded() && status.running())
                .withData("revokedSubjects", status.revokedSubjects())
                .withData("skippedRecords", status.skipped());
        if (status.error() != null) {
            response.withData("error", status.error());
        }
        return response.build();
    }
}
