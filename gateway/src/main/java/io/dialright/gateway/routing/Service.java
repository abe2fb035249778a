package io.dialright.gateway.routing;

import java.util.List;

/**
 * The services behind the gateway and the API path prefixes each one owns (API.md). The prefixes are the public
 * contract, so they live in code; only the services' addresses are configuration.
 */
public enum Service {

    CONTACT("contact", List.of("/api/contacts", "/api/lookup", "/api/imports", "/api/exports", "/api/segments")),
    CONSENT("consent", List.of("/api/consents", "/api/opt-outs", "/api/stop-list", "/api/decisions",
            "/api/registry", "/api/privacy-requests", "/api/consent-templates")),
    DIALER("dialer", List.of("/api/campaigns", "/api/call-events", "/api/rulesets", "/api/callbacks")),
    AUDIT("audit", List.of("/api/audit"));

    private final String shortName;
    private final List<String> prefixes;

    Service(String shortName, List<String> prefixes) {
        this.shortName = shortName;
        this.prefixes = prefixes;
    }

    /** The name used in configuration keys and in messages: "contact" for "the contact service". */
    public String shortName() {
        return shortName;
    }

    public List<String> prefixes() {
        return prefixes;
    }

    /** Whether {@code path} is one of this service's prefixes or below one, on a path-segment boundary. */
    public boolean owns(String path) {
        for (String prefix : prefixes) {
            if (path.startsWith(prefix)
                    && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return true;
            }
        }
        return false;
    }
}
