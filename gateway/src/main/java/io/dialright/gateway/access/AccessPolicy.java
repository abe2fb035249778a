package io.dialright.gateway.access;

import static io.dialright.gateway.access.Roles.ADMIN;
import static io.dialright.gateway.access.Roles.ANALYST;
import static io.dialright.gateway.access.Roles.INTEGRATION;
import static io.dialright.gateway.access.Roles.OPERATOR;
import static io.dialright.gateway.access.Roles.PRIVACY_OFFICER;
import static io.dialright.gateway.access.Roles.SUPERVISOR;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The coarse rule of G-1: which roles may use an API area at all. Each service then applies the fine rule per
 * endpoint and per object; this table is the union of its endpoints' roles (their {@code @RolesAllowed}, visible in
 * each service's OpenAPI document), so the gateway never refuses what a service would allow, and a role with no
 * business in an area (an admin in contacts' data, an analyst in call events) never reaches the service.
 *
 * <p>Areas are matched on whole path segments, the longest prefix first. A path with no entry is refused: deny by
 * default.
 */
public final class AccessPolicy {

    private static final Set<String> EVERY_ROLE = Set.of(OPERATOR, SUPERVISOR, ANALYST, ADMIN, INTEGRATION,
            PRIVACY_OFFICER);

    /** Longest prefixes first, so the first match is the most specific. */
    private static final Map<String, Set<String>> AREAS = new LinkedHashMap<>();

    static {
        // Key management is technical administration, the only part of contact-service an admin may use.
        AREAS.put("/api/contacts/encryption-keys", Set.of(ADMIN));
        // DELETE /api/contacts/{id} takes every role, to audit the attempt before refusing it (contact-service).
        AREAS.put("/api/contacts", EVERY_ROLE);
        AREAS.put("/api/lookup", Set.of(OPERATOR, SUPERVISOR, INTEGRATION));
        AREAS.put("/api/imports", Set.of(SUPERVISOR, INTEGRATION));
        AREAS.put("/api/exports", Set.of(SUPERVISOR, ANALYST));
        AREAS.put("/api/segments", Set.of(SUPERVISOR, INTEGRATION));
        AREAS.put("/api/consents", Set.of(OPERATOR, SUPERVISOR, INTEGRATION, PRIVACY_OFFICER));
        AREAS.put("/api/opt-outs", Set.of(OPERATOR, SUPERVISOR, INTEGRATION, PRIVACY_OFFICER));
        AREAS.put("/api/stop-list", Set.of(OPERATOR, SUPERVISOR, INTEGRATION, PRIVACY_OFFICER));
        // The decision rules (GET /api/decisions/rules) are documentation every role may read.
        AREAS.put("/api/decisions", EVERY_ROLE);
        AREAS.put("/api/registry", Set.of(SUPERVISOR, PRIVACY_OFFICER));
        AREAS.put("/api/privacy-requests", Set.of(INTEGRATION, PRIVACY_OFFICER));
        AREAS.put("/api/consent-templates", Set.of(OPERATOR, SUPERVISOR, INTEGRATION, PRIVACY_OFFICER));
        AREAS.put("/api/campaigns", Set.of(OPERATOR, SUPERVISOR, ANALYST, INTEGRATION));
        AREAS.put("/api/call-events", Set.of(OPERATOR, INTEGRATION));
        AREAS.put("/api/rulesets", Set.of(SUPERVISOR, ANALYST, ADMIN));
        AREAS.put("/api/callbacks", Set.of(OPERATOR, SUPERVISOR));
        AREAS.put("/api/audit", Set.of(SUPERVISOR, PRIVACY_OFFICER, ADMIN));
        // The gateway's own revocation list (a dismissed employee): technical administration.
        AREAS.put("/api/access", Set.of(ADMIN));
    }

    private AccessPolicy() {
    }

    /** The roles that may use the area of {@code path}; empty when no area is declared (refuse). */
    public static Optional<Set<String>> rolesFor(String path) {
        for (Map.Entry<String, Set<String>> area : AREAS.entrySet()) {
            String prefix = area.getKey();
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return Optional.of(area.getValue());
            }
        }
        return Optional.empty();
    }

    /** Whether one of {@code roles} may use the area of {@code path}. */
    public static boolean allows(String path, Collection<String> roles) {
        return rolesFor(path).map(allowed -> roles.stream().anyMatch(allowed::contains)).orElse(false);
    }
}
