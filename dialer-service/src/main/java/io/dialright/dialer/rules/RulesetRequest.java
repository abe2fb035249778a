package io.dialright.dialer.rules;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Body of {@code PUT /api/rulesets/{id}} (API.md). {@code hours}, {@code holidays} and {@code holidayHours} arrive as
 * raw JSON so that every mistake in them is reported with its path ({@code hours.MON[1]}) by
 * {@link RulesetValidator}, all at once. A client-sent {@code id} or {@code version} is ignored.
 */
public record RulesetRequest(String name, String country, String rule, JsonNode hours, JsonNode holidays,
                             JsonNode holidayHours, Integer maxAttemptsPer7Days, Integer coolOffDays,
                             Integer minGapMinutes, Integer otherOperatorLockHours, Integer maxConversationsPerDay,
                             Integer maxConversationsPer7Days, Integer maxConversationsPer30Days,
                             Integer maxAttemptsPer30Days, Integer daysAfterRefusal, Instant effectiveFrom) {
}
