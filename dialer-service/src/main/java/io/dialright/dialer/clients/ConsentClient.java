package io.dialright.dialer.clients;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.dialer.config.DialerConfig;

/**
 * consent-service's decision API (K-6), asked synchronously before every hand-out and every follow-up SMS. Any
 * failure to get an answer is a {@link ServiceUnavailableException}: the caller fails closed.
 */
@ApplicationScoped
public class ConsentClient {

    public record Reason(String code, String detail) {
    }

    /** The rule that allowed a call: a consent, or a legal basis. */
    public record AllowedBy(String rule, UUID consentId, String legalBasis, String detail) {
    }

    /** {@code GET /api/decisions}: allowed or not, every reason, and the rule that allowed it. */
    public record Decision(boolean allowed, List<Reason> reasons, AllowedBy allowedBy) {

        public String codes() {
            return reasons == null || reasons.isEmpty() ? "BLOCKED"
                    : String.join(",", reasons.stream().map(Reason::code).toList());
        }
    }

    private final ServiceHttp http;
    private final DialerConfig config;

    public ConsentClient(ServiceHttp http, DialerConfig config) {
        this.http = http;
        this.config = config;
    }

    public Decision decide(String e164, String purpose, String channel, String bearer) {
        URI uri = URI.create(config.consent().url() + "/api/decisions?phone="
                + URLEncoder.encode(e164, StandardCharsets.UTF_8) + "&purpose=" + purpose + "&channel=" + channel);
        try {
            return http.get(uri, bearer, config.consent().timeout(), Decision.class);
        } catch (RefusedException e) {
            // The caller may not ask (or the request is wrong): no answer is not a yes.
            throw new ServiceUnavailableException("consent-service refused the decision (" + e.status() + ")", e);
        }
    }
}
