package io.dialright.dialer.rules;

import java.time.Instant;

/**
 * Whether the attempt limits let the number be called, and from when.
 *
 * @param notBefore   the first instant the limits allow the next attempt; at or before the instant asked about
 *                    means eligible now
 * @param code        {@code null} when eligible, else the limit that holds the number back the longest:
 *                    {@code MIN_GAP}, {@code ATTEMPTS_EXHAUSTED}, {@code COOL_OFF}, {@code CONVERSATIONS_PER_DAY},
 *                    {@code CONVERSATIONS_PER_7_DAYS}, {@code CONVERSATIONS_PER_30_DAYS}, {@code ATTEMPTS_PER_30_DAYS}
 *                    or {@code AFTER_REFUSAL}
 * @param explanation for operators and auditors: every limit that holds, the longest first
 */
public record Eligibility(Instant notBefore, String code, String explanation) {

    public static final String MIN_GAP = "MIN_GAP";
    public static final String ATTEMPTS_EXHAUSTED = "ATTEMPTS_EXHAUSTED";
    public static final String COOL_OFF = "COOL_OFF";
    public static final String CONVERSATIONS_PER_DAY = "CONVERSATIONS_PER_DAY";
    public static final String CONVERSATIONS_PER_7_DAYS = "CONVERSATIONS_PER_7_DAYS";
    public static final String CONVERSATIONS_PER_30_DAYS = "CONVERSATIONS_PER_30_DAYS";
    public static final String ATTEMPTS_PER_30_DAYS = "ATTEMPTS_PER_30_DAYS";
    public static final String AFTER_REFUSAL = "AFTER_REFUSAL";

    public boolean eligible() {
        return code == null;
    }
}
