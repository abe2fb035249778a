package io.dialright.gateway.docs;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Deep copies of OpenAPI fragments with their local component references ({@code #/components/…}) redirected. */
final class References {

    private static final String COMPONENTS = "#/components/";

    private References() {
    }

    /** One entry of a document's {@code components}: section ({@code schemas}, {@code responses}, …) and name. */
    record Component(String section, String name) {
    }

    /**
     * A copy of {@code node} in which every {@code $ref} and every discriminator mapping goes through
     * {@code redirect}; everything else is copied as it is. Containers come back as {@link JsonObject} and
     * {@link JsonArray}, so copies of equal fragments are {@code equals}.
     */
    static Object copy(Object node, UnaryOperator<String> redirect) {
        return copy(node, redirect, false);
    }

    /** Redirects references to the components in {@code renames} (read on every call) to their new names. */
    static UnaryOperator<String> renaming(Map<Component, String> renames) {
        return ref -> {
            if (!ref.startsWith(COMPONENTS)) {
                return ref;
            }
            String rest = ref.substring(COMPONENTS.length());
            int nameStart = rest.indexOf('/') + 1;
            if (nameStart == 0) {
                return ref;
            }
            // A reference may point inside a component (#/components/schemas/A/properties/b).
            int nameEnd = rest.indexOf('/', nameStart);
            String section = rest.substring(0, nameStart - 1);
            String name = nameEnd < 0 ? rest.substring(nameStart) : rest.substring(nameStart, nameEnd);
            String renamed = renames.get(new Component(section, name));
            return renamed == null ? ref
                    : COMPONENTS + section + "/" + renamed + (nameEnd < 0 ? "" : rest.substring(nameEnd));
        };
    }

    private static Object copy(Object node, UnaryOperator<String> redirect, boolean discriminator) {
        if (node instanceof JsonObject object) {
            return copyObject(object.getMap(), redirect, discriminator);
        }
        if (node instanceof Map<?, ?> map) {
            return copyObject(map, redirect, discriminator);
        }
        if (node instanceof JsonArray array) {
            return copyArray(array.getList(), redirect);
        }
        if (node instanceof List<?> list) {
            return copyArray(list, redirect);
        }
        return node;
    }

    private static JsonObject copyObject(Map<?, ?> map, UnaryOperator<String> redirect, boolean discriminator) {
        JsonObject copy = new JsonObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            Object value = entry.getValue();
            if (key.equals("$ref") && value instanceof String ref) {
                copy.put(key, redirect.apply(ref));
            } else if (discriminator && key.equals("mapping") && value instanceof Map<?, ?> mapping) {
                copy.put(key, copyMapping(mapping, redirect));
            } else if (discriminator && key.equals("mapping") && value instanceof JsonObject mapping) {
                copy.put(key, copyMapping(mapping.getMap(), redirect));
            } else {
                copy.put(key, copy(value, redirect, key.equals("discriminator")));
            }
        }
        return copy;
    }

    /** A discriminator maps values to references or to bare schema names; both follow a renamed schema. */
    private static JsonObject copyMapping(Map<?, ?> mapping, UnaryOperator<String> redirect) {
        JsonObject copy = new JsonObject();
        mapping.forEach((value, target) -> copy.put(String.valueOf(value), redirectMapping(target, redirect)));
        return copy;
    }

    private static Object redirectMapping(Object target, UnaryOperator<String> redirect) {
        if (!(target instanceof String reference)) {
            return target;
        }
        if (reference.startsWith("#")) {
            return redirect.apply(reference);
        }
        String asReference = COMPONENTS + "schemas/" + reference;
        String redirected = redirect.apply(asReference);
        return redirected.equals(asReference) ? reference : redirected;
    }

    private static JsonArray copyArray(List<?> list, UnaryOperator<String> redirect) {
        JsonArray copy = new JsonArray();
        for (Object element : list) {
            copy.add(copy(element, redirect, false));
        }
        return copy;
    }
}
