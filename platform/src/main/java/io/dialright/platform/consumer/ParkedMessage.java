package io.dialright.platform.consumer;

import java.util.UUID;

/**
 * A message a consumer gave up on: where it was, what it held and why it failed. Kept in {@code dead_letter} (whole,
 * or with its digits masked when its topic carries plaintext numbers: {@link ParkedValues});
 * announced on {@code dialright.dead-letters.v1} as a {@code MessageParked} event without the value, which may hold
 * personal data (an {@code SmsRequested} carries a number) and may be too large for the topic.
 */
public record ParkedMessage(String consumerGroup, String topic, int partition, long offset, String key,
                            UUID eventId, byte[] value, String error) {
}
