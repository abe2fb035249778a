package io.dialright.gateway.security;

import java.util.Set;

/** The outcome of checking a request's credentials. */
public sealed interface Verdict {

    /**
     * A verified token of {@code subject} holding at least one role.
     *
     * @param scopes   the {@code scope} claim split on spaces (machine clients); empty when absent
     * @param team     the {@code team} claim of operators and supervisors, or {@code null}
     * @param issuedAt the {@code iat} claim, epoch seconds (always present in an accepted token)
     */
    record Accepted(String subject, Set<String> roles, Set<String> scopes, String team, long issuedAt)
            implements Verdict {
    }

    /** No usable token; {@code reason} is for the server log only, never for the response body. */
    record Refused(String reason) implements Verdict {
    }
}
