package io.dialright.platform.events;

import java.io.IOException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.util.RawValue;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * JSON of the envelope on the wire. One mapper with fixed settings, so the bytes do not depend on a service's own
 * Jackson customisation: ISO-8601 instants, unknown fields ignored (additive changes never break a consumer).
 */
public final class EventCodec {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EventCodec() {
    }

    public static byte[] encode(EventEnvelope envelope) {
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new IllegalArgumentException("Event cannot be serialised: " + envelope.eventType(), e);
        }
    }

    /** Reads an envelope; anything that is not a complete envelope is an {@link InvalidEventException}. */
    public static EventEnvelope decode(byte[] value) {
        if (value == null || value.length == 0) {
            throw new InvalidEventException("empty message");
        }
        try {
            return JSON.readValue(value, EventEnvelope.class);
        } catch (IOException | RuntimeException e) {
            throw new InvalidEventException("not a Dialright event envelope: " + rootMessage(e));
        }
    }

    /**
     * A part of a payload written as JSON now, with the wire settings, to be placed into a payload tree as it is
     * ({@code ArrayNode.addRawValue}): a bulk event whose parts were prepared ahead, on another thread, is then not
     * converted or serialised again.
     */
    public static RawValue fragment(Object part) {
        try {
            return new RawValue(JSON.writeValueAsString(part));
        } catch (IOException e) {
            throw new IllegalArgumentException("Event part cannot be serialised: " + part.getClass().getSimpleName(), e);
        }
    }

    static JsonNode toTree(Object payload) {
        // A payload built as a tree is taken as it is: converting it again would cost as much as the payload and
        // turn its fragments back into nodes.
        return payload instanceof JsonNode tree ? tree : JSON.valueToTree(payload);
    }

    static <T> T fromTree(JsonNode node, Class<T> type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (IOException e) {
            throw new InvalidEventException("payload does not match " + type.getSimpleName() + ": "
                    + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage();
        int firstLine = message.indexOf('\n');
        return firstLine < 0 ? message : message.substring(0, firstLine);
    }
}
