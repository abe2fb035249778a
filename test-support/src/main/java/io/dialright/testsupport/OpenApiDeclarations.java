package io.dialright.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialright.platform.security.CurrentActor;

/**
 * "Deny by default", checked on what a service publishes: every {@code /api/} operation of its OpenAPI document must
 * carry a security requirement naming at least one role (smallrye-openapi derives them from {@code @RolesAllowed}),
 * and only the six roles of PRODUCT.md. An operation without one is either unreachable (denied to everybody by
 * {@code deny-unannotated-endpoints}) or open: both are mistakes a reviewer should not have to spot.
 */
public final class OpenApiDeclarations {

    /** The roles of PRODUCT.md. */
    public static final Set<String> ROLES = Set.of(CurrentActor.OPERATOR, CurrentActor.SUPERVISOR,
            CurrentActor.ANALYST, CurrentActor.ADMIN, CurrentActor.INTEGRATION, CurrentActor.PRIVACY_OFFICER);

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiDeclarations() {
    }

    /**
     * Fetches {@code /q/openapi?format=json} from the service under test (rest-assured's port) and fails listing
     * every {@code /api/} operation that declares no role or a role outside {@link #ROLES}.
     */
    public static void assertEveryApiOperationDeclaresRoles() {
        String document = given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .extract().asString();
        List<String> problems = problems(document);
        assertThat(problems)
                .as("/api/ operations of the OpenAPI document that do not declare their roles properly")
                .isEmpty();
    }

    /** The problems of an OpenAPI document (JSON), one line per operation; empty when every operation is fine. */
    public static List<String> problems(String document) {
        try {
            return problems(JSON.readTree(document));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The OpenAPI document is not JSON", e);
        }
    }

    public static List<String> problems(JsonNode document) {
        List<String> problems = new ArrayList<>();
        JsonNode inherited = document.path("security");
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                operations++;
                // An operation's own "security" replaces the document's (OpenAPI 3 §4.8.10).
                JsonNode security = operation.has("security") ? operation.get("security") : inherited;
                String problem = problem(security);
                if (problem != null) {
                    problems.add(method.toUpperCase() + " " + path.getKey() + ": " + problem);
                }
            }
        }
        if (operations == 0) {
            problems.add("the document lists no /api/ operation at all");
        }
        return problems;
    }

    private static String problem(JsonNode security) {
        if (security == null || !security.isArray() || security.isEmpty()) {
            return "no security requirement, so no declared role";
        }
        // Requirements are alternatives: each one must name roles, or it lets in whom it does not name.
        List<String> roles = new ArrayList<>();
        for (JsonNode requirement : security) {
            if (requirement.isEmpty()) {
                return "an empty security requirement lets anonymous callers in";
            }
            List<String> named = new ArrayList<>();
            for (Map.Entry<String, JsonNode> scheme : requirement.properties()) {
                scheme.getValue().forEach(role -> named.add(role.asText()));
            }
            if (named.isEmpty()) {
                return "a security requirement without roles lets any authenticated caller in";
            }
            roles.addAll(named);
        }
        List<String> unknown = roles.stream().filter(role -> !ROLES.contains(role)).distinct().toList();
        if (!unknown.isEmpty()) {
            return "roles " + unknown + " are not roles of PRODUCT.md " + ROLES.stream().sorted().toList();
        }
        return null;
    }
}
