package io.dialright.dialer.rules;

import java.time.Instant;

/**
 * Whether a callee may be called at an instant under a ruleset's hours, and when next.
 *
 * @param open        calling is allowed at the instant asked about
 * @param nextOpening the first instant at or after it when calling is allowed (the instant itself when open);
 *                    {@code null} when there is none within 21 days
 * @param explanation for operators and auditors: the callee's local time, the rule that decided, the next opening
 */
public record HoursVerdict(boolean open, Instant nextOpening, String explanation) {
}
