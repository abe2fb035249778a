package io.dialright.gateway.docs;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.dialright.gateway.docs.References.Component;
import io.dialright.gateway.routing.Service;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jboss.logging.Logger;

/**
 * Builds one OpenAPI document for all services from the documents they publish: their paths as the gateway
 * routes them, their components (renamed where two services use a name for different things), one bearer-token
 * scheme, tags per service, and a list of the services whose documents are missing. No I/O here.
 */
public final class OpenApiMerger {

    private static final Logger LOG = Logger.getLogger(OpenApiMerger.class);

    /** What the services' Quarkus (smallrye-openapi 4) writes; their documents are merged into the same version. */
    static final String OPENAPI_VERSION = "3.1.0";
    static final String TITLE = "Dialright API";
    static final String SECURITY_SCHEME = "bearerAuth";
    /** In the order of the specification, so the merged document is the same on every run. */
    private static final List<String> OPERATIONS = List.of(
            "get", "put", "post", "delete", "options", "head", "patch", "trace");

    private final String version;
    private final Function<String, Optional<Service>> routing;

    /**
     * @param version the version of Dialright, shown as the document's {@code info.version}
     * @param routing the service the gateway sends a path to (the route table's answer)
     */
    public OpenApiMerger(String version, Function<String, Optional<Service>> routing) {
        this.version = version;
        this.routing = routing;
    }

    /** The merged document; {@code documents} come in the order whose first user of a component name keeps it. */
    public JsonObject merge(List<ServiceDocument> documents) {
        JsonObject paths = new JsonObject();
        MergedComponents components = new MergedComponents();
        ServiceTags tags = new ServiceTags();
        JsonArray unavailable = new JsonArray();
        JsonArray excluded = new JsonArray();
        for (ServiceDocument document : documents) {
            if (document instanceof ServiceDocument.Available available) {
                addService(available, paths, components, tags, excluded);
            } else if (document instanceof ServiceDocument.Unavailable missing) {
                unavailable.add(new JsonObject()
                        .put("service", ServiceTags.serviceTag(missing.service()))
                        .put("reason", missing.reason()));
            }
        }
        return new JsonObject()
                .put("openapi", OPENAPI_VERSION)
                .put("info", info(unavailable, excluded))
                .put("servers", new JsonArray().add(new JsonObject().put("url", "/")))
                // The gateway lets no /api/ request through without a bearer token.
                .put("security", new JsonArray().add(new JsonObject().put(SECURITY_SCHEME, new JsonArray())))
                .put("tags", tags.toJson())
                .put("x-tagGroups", tags.groupsJson())
                .put("paths", paths)
                .put("components", components.toJson(SECURITY_SCHEME, bearerScheme()))
                .put("x-unavailable-services", unavailable)
                .put("x-excluded-paths", excluded);
    }

    private void addService(ServiceDocument.Available document, JsonObject paths,
                                   MergedComponents components, ServiceTags tags, JsonArray excluded) {
        Service service = document.service();
        JsonObject openApi = document.openApi();
        Map<Component, String> renames = components.add(service, objectOrEmpty(openApi.getValue("components")));
        renames.forEach((component, name) -> LOG.debugf("The %s service's %s %s is called %s in /openapi: "
                + "an earlier service uses the name for something else", service.shortName(), component.section(),
                component.name(), name));
        UnaryOperator<String> redirect = References.renaming(renames);
        tags.declare(service, openApi.getValue("tags"));

        for (Map.Entry<String, Object> entry : objectOrEmpty(openApi.getValue("paths"))) {
            String path = entry.getKey();
            Optional<String> conflict = conflict(service, path, paths);
            if (conflict.isPresent()) {
                LOG.warnf("The %s service documents %s, left out of /openapi: %s", service.shortName(), path,
                        conflict.get());
                excluded.add(new JsonObject()
                        .put("service", ServiceTags.serviceTag(service))
                        .put("path", path)
                        .put("reason", conflict.get()));
                continue;
            }
            JsonObject pathItem = (JsonObject) References.copy(entry.getValue(), redirect);
            // Clients reach the services only through the gateway ("servers: /"), never at their own addresses.
            pathItem.remove("servers");
            for (String method : OPERATIONS) {
                if (pathItem.getValue(method) instanceof JsonObject operation) {
                    operation.remove("servers");
                    operation.put("tags", tags.forOperation(service, operation.getValue("tags")));
                    useGatewaySecurity(operation);
                }
            }
            paths.put(path, pathItem);
        }
    }

    /**
     * Why a path documented by {@code service} cannot be in the merged document: the gateway sends it to another
     * service or nowhere, or (should prefixes ever nest) it is documented already. Never overwrite silently.
     */
    private Optional<String> conflict(Service service, String path, JsonObject pathsSoFar) {
        Optional<Service> owner = routing.apply(path);
        if (owner.isEmpty()) {
            return Optional.of("the gateway routes no requests to this path.");
        }
        if (owner.get() != service) {
            return Optional.of("the gateway routes this path to " + ServiceTags.serviceTag(owner.get()) + ".");
        }
        if (pathsSoFar.containsKey(path)) {
            return Optional.of("another service documents this path already.");
        }
        return Optional.empty();
    }

    /**
     * Points an operation's security requirements at the gateway's scheme, keeping their role lists (the services
     * list the roles of {@code @RolesAllowed} there). A requirement that asks for nothing is dropped: the gateway
     * needs a token for every /api/ request whatever the service would accept.
     */
    private static void useGatewaySecurity(JsonObject operation) {
        if (!(operation.getValue("security") instanceof JsonArray requirements)) {
            return;
        }
        JsonArray gatewayRequirements = new JsonArray();
        for (Object requirement : requirements) {
            if (requirement instanceof JsonObject schemes && !schemes.isEmpty()) {
                JsonArray roles = new JsonArray();
                for (Map.Entry<String, Object> scheme : schemes) {
                    if (scheme.getValue() instanceof JsonArray schemeRoles) {
                        schemeRoles.stream().filter(role -> !roles.contains(role)).forEach(roles::add);
                    }
                }
                gatewayRequirements.add(new JsonObject().put(SECURITY_SCHEME, roles));
            }
        }
        if (gatewayRequirements.isEmpty()) {
            operation.remove("security");
        } else {
            operation.put("security", gatewayRequirements);
        }
    }

    private JsonObject info(JsonArray unavailable, JsonArray excluded) {
        StringBuilder description = new StringBuilder("All Dialright services behind the gateway. Every `/api/` "
                + "request needs `Authorization: Bearer <JWT>`; the gateway checks the token and the service checks "
                + "the roles listed with each operation.");
        if (!unavailable.isEmpty()) {
            description.append("\n\n**Incomplete:** the paths of these services are missing because the gateway "
                    + "could not get their documents (see `x-unavailable-services`); reload later:");
            for (Object missing : unavailable) {
                description.append("\n- ").append(((JsonObject) missing).getString("reason"));
            }
        }
        if (!excluded.isEmpty()) {
            description.append("\n\n**Left out:** ").append(excluded.size()).append(excluded.size() == 1
                    ? " path that a service documents but the gateway does not route to it"
                    : " paths that services document but the gateway does not route to them")
                    .append(" (see `x-excluded-paths`).");
        }
        return new JsonObject()
                .put("title", TITLE)
                .put("version", version)
                .put("description", description.toString());
    }

    private static JsonObject bearerScheme() {
        return new JsonObject()
                .put("type", "http")
                .put("scheme", "bearer")
                .put("bearerFormat", "JWT")
                .put("description", "An RS256 JWT from Dialright's identity provider, sent as "
                        + "'Authorization: Bearer <token>'.");
    }

    private static JsonObject objectOrEmpty(Object value) {
        return value instanceof JsonObject object ? object : new JsonObject();
    }
}
