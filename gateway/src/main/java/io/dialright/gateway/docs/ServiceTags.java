package io.dialright.gateway.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dialright.gateway.routing.Service;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Tags of the merged document, per service: an operation the contact service tags "Contact Resource" is tagged
 * "contact-service / Contact Resource" (an untagged one "contact-service"), so the Swagger UI groups operations by
 * service and, inside it, by the service's own grouping. {@code x-tagGroups} lists each service's tags for viewers
 * that nest groups (Redoc).
 */
final class ServiceTags {

    private final Map<String, JsonObject> tags = new LinkedHashMap<>();
    private final Map<Service, Set<String>> groups = new LinkedHashMap<>();
    private final Map<String, JsonObject> declared = new LinkedHashMap<>();

    /** Remembers the tags a service declares at the top of its document (their descriptions are kept). */
    void declare(Service service, Object serviceTags) {
        if (serviceTags instanceof JsonArray array) {
            for (Object tag : array) {
                if (tag instanceof JsonObject object && object.getValue("name") instanceof String name) {
                    declared.put(qualified(service, name), object);
                }
            }
        }
    }

    /** The tags for an operation of {@code service} that carried {@code operationTags}. */
    JsonArray forOperation(Service service, Object operationTags) {
        List<String> names = new ArrayList<>();
        if (operationTags instanceof JsonArray array) {
            for (Object tag : array) {
                if (tag instanceof String name) {
                    names.add(qualified(service, name));
                }
            }
        }
        if (names.isEmpty()) {
            names.add(serviceTag(service));
        }
        names.forEach(name -> register(service, name));
        return new JsonArray(names);
    }

    JsonArray toJson() {
        return new JsonArray(new ArrayList<>(tags.values()));
    }

    JsonArray groupsJson() {
        JsonArray json = new JsonArray();
        groups.forEach((service, names) -> json.add(new JsonObject()
                .put("name", serviceTag(service))
                .put("tags", new JsonArray(new ArrayList<>(names)))));
        return json;
    }

    static String serviceTag(Service service) {
        return service.shortName() + "-service";
    }

    private void register(Service service, String name) {
        groups.computeIfAbsent(service, key -> new LinkedHashSet<>()).add(name);
        tags.computeIfAbsent(name, key -> {
            JsonObject original = declared.get(name);
            JsonObject tag = original == null ? new JsonObject() : original.copy();
            tag.put("name", name);
            if (!(tag.getValue("description") instanceof String)) {
                tag.put("description", "Served by " + serviceTag(service) + ".");
            }
            return tag;
        });
    }

    private static String qualified(Service service, String name) {
        return serviceTag(service) + " / " + name;
    }
}
