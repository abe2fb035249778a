package io.dialright.platform.consumer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dialright.platform.events.Topics;

/**
 * What of a parked message may be stored (C-7: no plaintext number in any database). A message of a topic that
 * {@linkplain Topics#CARRYING_PLAINTEXT_NUMBERS carries plaintext numbers} is kept with every digit masked but the last
 * two, except in the fields known to hold ids, times and outcomes, so that a person can still tell which call or
 * request it was and why it failed. Such a message cannot be replayed as it was: its sender has to send it again.
 * Messages of the other topics carry blind indexes and masked forms only, and are kept whole.
 */
final class ParkedValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Fields of the envelope and of call events and SMS requests that hold no number (API.md). */
    private static final Set<String> KEPT_AS_THEY_ARE = Set.of(
            "eventId", "eventType", "schemaVersion", "occurredAt", "producer", "subject", "role", "team",
            "type", "callId", "campaignId", "contactId", "direction", "operatorId", "outcome", "callbackAt",
            "refusalReason", "durationSec", "phoneHash", "masked", "purpose", "consentId", "privacyRequestId");

    private ParkedValues() {
    }

    /** The message's value as it may be stored. */
    static byte[] storableValue(String topic, byte[] value) {
        if (value == null || !Topics.CARRYING_PLAINTEXT_NUMBERS.contains(topic)) {
            return value;
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(value);
        } catch (Exception notJson) {
            tree = null;
        }
        if (tree == null || !tree.isContainerNode()) {
            return maskDigits(new String(value, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        }
        try {
            return JSON.writeValueAsBytes(masked(tree));
        } catch (Exception e) {
            throw new IllegalStateException("A JSON tree just read can be written", e);
        }
    }

    /** The message's key as it may be stored: an id stays, anything else may be a number. */
    static String storableKey(String topic, String key) {
        if (key == null || !Topics.CARRYING_PLAINTEXT_NUMBERS.contains(topic) || isUuid(key)) {
            return key;
        }
        return maskDigits(key);
    }

    private static JsonNode masked(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode value = field.getValue();
                if (value.isContainerNode()) {
                    masked(value);
                } else if (!KEPT_AS_THEY_ARE.contains(field.getKey())) {
                    field.setValue(maskedScalar(value));
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                if (element.isContainerNode()) {
                    masked(element);
                } else {
                    array.set(i, maskedScalar(element));
                }
            }
        }
        return node;
    }

    /** A number may come as a JSON number too ({@code "phone": 79161234567}). */
    private static JsonNode maskedScalar(JsonNode value) {
        return value.isTextual() || value.isNumber() ? TextNode.valueOf(maskDigits(value.asText())) : value;
    }

    /** Every digit but the last two becomes {@code *}: {@code +79161234567} → {@code +*********67}. */
    static String maskDigits(String text) {
        int digits = (int) text.chars().filter(Character::isDigit).count();
        StringBuilder masked = new StringBuilder(text.length());
        int seen = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isDigit(c)) {
                masked.append(++seen > digits - 2 ? c : '*');
            } else {
                masked.append(c);
            }
        }
        return masked.toString();
    }

    private static boolean isUuid(String key) {
        try {
            return UUID.fromString(key).toString().equalsIgnoreCase(key);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
