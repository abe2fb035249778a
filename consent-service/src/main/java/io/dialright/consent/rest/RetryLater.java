package io.dialright.consent.rest;

import java.time.Duration;

import io.dialright.platform.problem.ProblemException;

/** A 429 that tells the client when trying again makes sense ({@code Retry-After}), when it does. */
public class RetryLater extends ProblemException {

    private final Duration retryAfter;

    public RetryLater(String title, String detail, Duration retryAfter) {
        super(429, title, detail);
        this.retryAfter = retryAfter;
    }

    /** {@code null} when waiting will not help (the limit is final). */
    public Duration retryAfter() {
        return retryAfter;
    }
}
