package io.dialright.gateway.docs;

import java.util.Map;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Reads a service's answer as an OpenAPI 3 document, checking the shape the merge relies on, so that one broken
 * document makes its service "unavailable" instead of breaking the merged document of all the others.
 */
final class OpenApiDocuments {

    private OpenApiDocuments() {
    }

    /**
     * @throws UnreadableDocument when the body is not JSON or not shaped like an OpenAPI 3 document
     */
    static JsonObject read(Buffer body) {
        JsonObject document;
        try {
            document = new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw new UnreadableDocument("the body is not a JSON object");
        }
        if (!(document.getValue("openapi") instanceof String version) || !version.startsWith("3.")) {
            throw new UnreadableDocument("\"openapi\" is not a 3.x version");
        }
        requireObjectOfObjects(document, "paths");
        Object components = document.getValue("components");
        if (components != null) {
            if (!(components instanceof JsonObject sections)) {
                throw new UnreadableDocument("\"components\" is not an object");
            }
            for (Map.Entry<String, Object> section : sections) {
                if (!(section.getValue() instanceof JsonObject)) {
                    throw new UnreadableDocument("\"components." + section.getKey() + "\" is not an object");
                }
            }
            requireObjectOfObjects(sections, "securitySchemes");
        }
        return document;
    }

    private static void requireObjectOfObjects(JsonObject parent, String key) {
        Object value = parent.getValue(key);
        if (value == null) {
            return;
        }
        if (!(value instanceof JsonObject members)) {
            throw new UnreadableDocument("\"" + key + "\" is not an object");
        }
        for (Map.Entry<String, Object> member : members) {
            if (!(member.getValue() instanceof JsonObject)) {
                throw new UnreadableDocument("\"" + key + "\" has a member that is not an object: " + member.getKey());
            }
        }
    }

    /** The answer is not a document the merge can use; the message says what is wrong with it. */
    static final class UnreadableDocument extends IllegalArgumentException {

        UnreadableDocument(String problem) {
            super(problem);
        }
    }
}
