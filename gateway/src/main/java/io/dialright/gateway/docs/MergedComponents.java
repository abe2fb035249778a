package io.dialright.gateway.docs;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.dialright.gateway.docs.References.Component;
import io.dialright.gateway.routing.Service;
import io.vertx.core.json.JsonObject;

/**
 * The {@code components} of the merged document, filled service by service. A component whose name an earlier
 * service already uses for the same content is shared; one whose name is taken by different content is renamed
 * {@code <service>.<name>} ({@code dialer.Status}), and the service's references follow it. Services generate names
 * from Java classes, which never contain a dot, so the prefixed name cannot be taken by a generated one.
 */
final class MergedComponents {

    /** Replaced by the gateway's one scheme: the services' own are all the same bearer JWT. */
    static final String SECURITY_SCHEMES = "securitySchemes";

    private final Map<String, JsonObject> sections = new LinkedHashMap<>();

    /**
     * Adds the components of one service.
     *
     * @return the renames its references elsewhere in its document (paths) must follow
     */
    Map<Component, String> add(Service service, JsonObject components) {
        Map<Component, String> renames = new HashMap<>();
        UnaryOperator<String> redirect = References.renaming(renames);
        // Equal content means equal after the service's own renames: two "Summary" schemas that both point at
        // "Status" differ when only this service's Status had to be renamed. Renaming one component can so change
        // another's content: repeat until nothing more has to move.
        boolean renamedAny;
        do {
            renamedAny = false;
            for (Map.Entry<String, Object> section : components) {
                if (isMerged(section.getKey())) {
                    for (Map.Entry<String, Object> entry : (JsonObject) section.getValue()) {
                        Component component = new Component(section.getKey(), entry.getKey());
                        Object taken = existing(component);
                        if (!renames.containsKey(component) && taken != null
                                && !taken.equals(References.copy(entry.getValue(), redirect))) {
                            renames.put(component,
                                    freeName(service, component, (JsonObject) section.getValue(), renames));
                            renamedAny = true;
                        }
                    }
                }
            }
        } while (renamedAny);

        for (Map.Entry<String, Object> section : components) {
            if (isMerged(section.getKey())) {
                JsonObject merged = sections.computeIfAbsent(section.getKey(), key -> new JsonObject());
                for (Map.Entry<String, Object> entry : (JsonObject) section.getValue()) {
                    Component component = new Component(section.getKey(), entry.getKey());
                    String name = renames.getOrDefault(component, entry.getKey());
                    if (!merged.containsKey(name)) {
                        merged.put(name, References.copy(entry.getValue(), redirect));
                    }
                }
            }
        }
        return renames;
    }

    /** All merged sections plus {@code securityScheme} as the only security scheme. */
    JsonObject toJson(String securitySchemeName, JsonObject securityScheme) {
        JsonObject components = new JsonObject();
        sections.forEach(components::put);
        return components.put(SECURITY_SCHEMES, new JsonObject().put(securitySchemeName, securityScheme));
    }

    private static boolean isMerged(String section) {
        return !section.equals(SECURITY_SCHEMES);
    }

    private Object existing(Component component) {
        JsonObject section = sections.get(component.section());
        return section == null ? null : section.getValue(component.name());
    }

    /** {@code <service>.<name>}, numbered in the unlikely case that a service chose such a name itself. */
    private String freeName(Service service, Component component, JsonObject ownSection,
                            Map<Component, String> renames) {
        String base = service.shortName() + "." + component.name();
        String name = base;
        for (int n = 2; isTaken(component.section(), name, ownSection, renames); n++) {
            name = base + "_" + n;
        }
        return name;
    }

    private boolean isTaken(String section, String name, JsonObject ownSection, Map<Component, String> renames) {
        return existing(new Component(section, name)) != null
                || ownSection.containsKey(name)
                || renames.entrySet().stream().anyMatch(rename ->
                rename.getKey().section().equals(section) && rename.getValue().equals(name));
    }
}
