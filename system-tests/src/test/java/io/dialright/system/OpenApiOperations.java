package io.dialright.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code /api/} operations a running service documents in its OpenAPI, each with the roles its
 * {@code @RolesAllowed} declares (Quarkus writes them as the operation's security requirement) and a concrete path to
 * call: path parameters filled with values of the right shape (a random UUID for ids, a valid fictitious number for
 * phones), so a call reaches the endpoint's authorization and not a 404 of the router. The schema of each request
 * body comes with its references resolved, so a test can build bodies from it.
 */
record OpenApiOperations(String service, List<Operation> operations) {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    /**
     * @param roles    the roles declared, empty when the operation declares none (a defect the walk reports)
     * @param consumes the first media type of the request body, or {@code null} without one
     * @param requestSchema the schema of that body with every {@code $ref} inlined (a missing node without one)
     * @param queryParameters the query parameters by name, each with its schema ({@code $ref} inlined)
     */
    record Operation(String service, String method, String template, String path, Set<String> roles,
                     String consumes, JsonNode requestSchema, Map<String, JsonNode> queryParameters) {

        @Override
        public String toString() {
            return method.toUpperCase() + " " + template + " (" + service + ")";
        }
    }

    /** Every documented operation of the four services behind the gateway, as each service publishes it. */
    static List<Operation> ofServices(LocalSuite suite) throws IOException, InterruptedException {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, ServiceProcess> service : Map.of("contact", suite.contact, "consent", suite.consent,
                "dialer", suite.dialer, "audit", suite.audit).entrySet()) {
            operations.addAll(fetch(service.getKey(), service.getValue().baseUrl()).operations());
        }
        return operations;
    }

    static OpenApiOperations fetch(String service, String baseUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/q/openapi?format=json")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(service + " answered " + response.statusCode() + " for its OpenAPI");
        }
        JsonNode document = new ObjectMapper().readTree(response.body());
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                JsonNode parameters = op.getValue().path("parameters");
                operations.add(new Operation(service, op.getKey(), path.getKey(),
                        concretePath(path.getKey(), parameters, path.getValue().path("parameters")),
                        roles(op.getValue()), consumes(op.getValue()),
                        requestSchema(op.getValue(), document.path("components").path("schemas")),
                        queryParameters(parameters, document.path("components").path("schemas"))));
            }
        }
        return new OpenApiOperations(service, operations);
    }

    private static Set<String> roles(JsonNode operation) {
        Set<String> roles = new TreeSet<>();
        for (JsonNode requirement : operation.path("security")) {
            requirement.fields().forEachRemaining(scheme -> scheme.getValue().forEach(role -> roles.add(role.asText())));
        }
        return roles;
    }

    private static String consumes(JsonNode operation) {
        Iterator<String> types = operation.path("requestBody").path("content").fieldNames();
        return types.hasNext() ? types.next() : null;
    }

    private static JsonNode requestSchema(JsonNode operation, JsonNode schemas) {
        Iterator<JsonNode> bodies = operation.path("requestBody").path("content").elements();
        return bodies.hasNext() ? inlined(bodies.next().path("schema"), schemas, 0) : MissingNode.getInstance();
    }

    private static Map<String, JsonNode> queryParameters(JsonNode parameters, JsonNode schemas) {
        Map<String, JsonNode> query = new TreeMap<>();
        for (JsonNode parameter : parameters) {
            if ("query".equals(parameter.path("in").asText())) {
                query.put(parameter.path("name").asText(), inlined(parameter.path("schema"), schemas, 0));
            }
        }
        return query;
    }

    /** The schema with its references replaced by what they name; a reference cycle ends after a few levels. */
    private static JsonNode inlined(JsonNode schema, JsonNode schemas, int depth) {
        if (schema.isObject() && schema.has("$ref")) {
            String name = schema.get("$ref").asText().substring("#/components/schemas/".length());
            return depth > 8 ? JsonNodeFactory.instance.objectNode() : inlined(schemas.path(name), schemas, depth + 1);
        }
        if (schema.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            schema.fields().forEachRemaining(field -> copy.set(field.getKey(),
                    inlined(field.getValue(), schemas, depth)));
            return copy;
        }
        if (schema.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            schema.forEach(element -> copy.add(inlined(element, schemas, depth)));
            return copy;
        }
        return schema;
    }

    private static String concretePath(String template, JsonNode parameters, JsonNode pathParameters) {
        String path = template;
        for (JsonNode list : List.of(parameters, pathParameters)) {
            for (JsonNode parameter : list) {
                if ("path".equals(parameter.path("in").asText())) {
                    String name = parameter.path("name").asText();
                    path = path.replace("{" + name + "}", sample(name, parameter.path("schema")));
                }
            }
        }
        // Parameters a document forgot to describe still get a value of the most common shape.
        return path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }

    private static String sample(String name, JsonNode schema) {
        if ("uuid".equals(schema.path("format").asText())) {
            return UUID.randomUUID().toString();
        }
        if (name.toLowerCase().contains("phone") || name.toLowerCase().contains("number")) {
            return "%2B79160000000";
        }
        return "walk-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
