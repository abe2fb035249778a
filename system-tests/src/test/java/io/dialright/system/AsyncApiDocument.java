package io.dialright.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The suite's published event schema, {@code docs/asyncapi.yaml}: which messages each topic carries and the
 * JSON Schema of each, checked here against events as they lie on the broker.
 */
final class AsyncApiDocument {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;
    private final Map<String, JsonSchema> schemaByMessage = new HashMap<>();
    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    private AsyncApiDocument(JsonNode document) {
        this.document = document;
    }

    /** The document of the checkout the tests run in ({@code dialright.root}, else found upwards from here). */
    static AsyncApiDocument ofThisCheckout() {
        String root = System.getProperty("dialright.root");
        Path directory = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        while (directory != null && !Files.exists(directory.resolve("docs/asyncapi.yaml"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("No docs/asyncapi.yaml above " + Path.of("").toAbsolutePath());
        }
        try {
            return new AsyncApiDocument(YAML.readTree(directory.resolve("docs/asyncapi.yaml").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message names the channel of {@code topic} lists; empty when no channel has that address. */
    Set<String> messagesOf(String topic) {
        Set<String> names = new TreeSet<>();
        for (JsonNode channel : document.path("channels")) {
            if (topic.equals(channel.path("address").asText())) {
                channel.path("messages").forEach(message -> names.add(messageName(message)));
            }
        }
        return names;
    }

    /**
     * What is wrong with an event found on {@code topic}: not JSON, a type its channel does not list, or a value its
     * message's schema refuses. Empty when it conforms.
     */
    List<String> problemsOf(String topic, byte[] value) {
        JsonNode event;
        try {
            event = JSON.readTree(value);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        String type = event.path("eventType").asText();
        if (!messagesOf(topic).contains(type)) {
            return List.of(type + " is not a message of the channel " + topic);
        }
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : schemaOf(type).validate(event)) {
            problems.add(type + " " + event.path("eventId").asText() + ": " + message.getMessage());
        }
        return problems;
    }

    private JsonSchema schemaOf(String message) {
        return schemaByMessage.computeIfAbsent(message, name -> {
            // The message's payload schema, with the document's components beside it for its references.
            ObjectNode root = JSON.createObjectNode();
            root.putArray("allOf").addObject().put("$ref", "#/components/messages/" + name + "/payload");
            root.set("components", document.path("components"));
            return schemas.getSchema(root);
        });
    }

    /** A channel's message is a reference to {@code #/components/messages/<name>}. */
    private static String messageName(JsonNode message) {
        String reference = message.path("$ref").asText();
        return reference.substring(reference.lastIndexOf('/') + 1);
    }
}
