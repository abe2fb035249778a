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
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The {@code /api/} operations a running service documents in its OpenAPI, each with the roles its
 * {@code @RolesAllowed} declares (Quarkus writes them as the operation's security requirement) and a concrete path to
 * call: path parameters filled with values of the right shape (a random UUID for ids, a valid fictitious number for
 * phones), so a call reaches the endpoint's authorization and not a 404 of the router.
 */
record OpenApiOperations(String service, List<Operation> operations) {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    /**
     * @param roles    the roles declared, empty when the operation declares none (a defect the walk reports)
     * @param consumes the first media type of the request body, or {@code null} without one
     */
    record Operation(String service, String method, String template, String path, Set<String> roles,
                     String consumes) {

        @Override
        public String toString() {
            return method.toUpperCase() + " " + template + " (" + service + ")";
        }
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
                        roles(op.getValue()), consumes(op.getValue())));
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
