package io.dialright.gateway.security;

/** The outcome of checking a request's credentials. */
public sealed interface Verdict {

    /** A verified token of {@code subject} holding at least one role. */
    record Accepted(String subject) implements Verdict {
    }

    /** No usable token; {@code reason} is for the server log only, never for the response body. */
    record Refused(String reason) implements Verdict {
    }
}
