package io.dialright.platform.consumer;

import java.util.UUID;

/**
 * A message a consumer gave up on: where it was, what it held and why it failed. Published on
 * {@code dialright.dead-letters.v1} as the payload of a {@code MessageParked} event (the value as Base64).
 */
public record ParkedMessage(String consumerGroup, String topic, int partition, long offset, String key,
                            UUID eventId, byte[] value, String error) {
}
