package io.dialright.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Checks on a merged OpenAPI document that hold whatever the services sent. */
public final class OpenApiAssertions {

    private OpenApiAssertions() {
    }

    /** Every {@code $ref} in {@code document} is a local JSON pointer to something that exists in it. */
    public static void assertEveryReferenceResolves(JsonObject document) {
        List<String> references = new ArrayList<>();
        collectReferences(document, references);
        assertThat(references).as("references in the document").isNotEmpty();
        for (String reference : references) {
            assertThat(reference).as("a local reference").startsWith("#/");
            assertThat(resolve(document, reference)).as(reference).isNotNull();
        }
    }

    /** Every operation of every path item, for checks that hold per operation. */
    public static List<JsonObject> operations(JsonObject document) {
        List<JsonObject> operations = new ArrayList<>();
        for (Map.Entry<String, Object> pathItem : document.getJsonObject("paths")) {
            for (String method : List.of("get", "put", "post", "delete", "options", "head", "patch", "trace")) {
                JsonObject operation = ((JsonObject) pathItem.getValue()).getJsonObject(method);
                if (operation != null) {
                    operations.add(operation);
                }
            }
        }
        return operations;
    }

    private static void collectReferences(Object node, List<String> references) {
        if (node instanceof JsonObject object) {
            for (Map.Entry<String, Object> entry : object) {
                if (entry.getKey().equals("$ref") && entry.getValue() instanceof String reference) {
                    references.add(reference);
                } else {
                    collectReferences(entry.getValue(), references);
                }
            }
        } else if (node instanceof JsonArray array) {
            array.forEach(element -> collectReferences(element, references));
        }
    }

    private static Object resolve(JsonObject document, String reference) {
        Object node = document;
        for (String token : reference.substring(2).split("/")) {
            String key = token.replace("~1", "/").replace("~0", "~");
            if (!(node instanceof JsonObject object) || !object.containsKey(key)) {
                return null;
            }
            node = object.getValue(key);
        }
        return node;
    }
}
