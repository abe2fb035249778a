package io.dialright.platform.consumer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dialright.platform.events.Topics;
import io.dialright.platform.phone.NumbersInText;

/**
 * What of a parked message may be stored (C-7: no plaintext number in any database). A message of a topic that
 * {@linkplain Topics#CARRYING_PLAINTEXT_NUMBERS carries plaintext numbers} is kept with every digit masked but the last
 * two, except in the fields known to hold ids, times and outcomes (where only what may be a number is masked), so that
 * a person can still tell which call or request it was and why it failed; its error message loses what may be a
 * number too. Such a message cannot be replayed as it was: its sender has to send it again.
 * Messages of the other topics carry blind indexes and masked forms only, and are kept whole.
 */
final class ParkedValues {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** An instant or a date as ISO-8601 writes them. */
    private static final Pattern ISO_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})?)?");
    /** HMAC-SHA256 in hex, the key of an {@code SmsRequested}. */
    private static final Pattern BLIND_INDEX = Pattern.compile("[0-9a-f]{64}");

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
            return NumbersInText.maskAllButLastTwo(new String(value, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
        }
        try {
            return JSON.writeValueAsBytes(masked(tree));
        } catch (Exception e) {
            throw new IllegalStateException("A JSON tree just read can be written", e);
        }
    }

    /** The message's key as it may be stored: an id or a blind index stays, anything else may be a number. */
    static String storableKey(String topic, String key) {
        if (key == null || !Topics.CARRYING_PLAINTEXT_NUMBERS.contains(topic) || isUuid(key)
                || BLIND_INDEX.matcher(key).matches()) {
            return key;
        }
        return NumbersInText.maskAllButLastTwo(key);
    }

    private static JsonNode masked(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode value = field.getValue();
                if (value.isContainerNode()) {
                    masked(value);
                } else {
                    field.setValue(KEPT_AS_THEY_ARE.contains(field.getKey()) ? keptScalar(value) : maskedScalar(value));
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
        return value.isTextual() || value.isNumber()
                ? TextNode.valueOf(NumbersInText.maskAllButLastTwo(value.asText())) : value;
    }

    /**
     * A field that holds an id, a time or an outcome when the message is well formed; a parked message is often not,
     * so only a time is kept whatever its digits, and anything else loses what may be a number in it.
     */
    private static JsonNode keptScalar(JsonNode value) {
        if (!value.isTextual() && !value.isNumber()) {
            return value;
        }
        String text = value.asText();
        if (ISO_TIME.matcher(text).matches()) {
            return value;
        }
        String masked = NumbersInText.masked(text);
        return masked.equals(text) ? value : TextNode.valueOf(masked);
    }

    /** An error message may quote what it could not read ({@code from String "79161234567"}). */
    static String storableError(String topic, String error) {
        return Topics.CARRYING_PLAINTEXT_NUMBERS.contains(topic) ? NumbersInText.masked(error) : error;
    }

    private static boolean isUuid(String key) {
        try {
            return UUID.fromString(key).toString().equalsIgnoreCase(key);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
