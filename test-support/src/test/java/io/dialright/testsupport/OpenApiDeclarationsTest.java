package io.dialright.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The checker on small hand-written OpenAPI documents: it finds each kind of mistake, and passes a good document. */
class OpenApiDeclarationsTest {

    @Test
    void aDocumentWhoseApiOperationsAllNameKnownRolesPasses() {
        assertThat(OpenApiDeclarations.problems("""
                {"openapi": "3.1.0",
                 "paths": {
                   "/api/contacts": {
                     "get": {"security": [{"SecurityScheme": ["operator", "analyst"]}]},
                     "post": {"security": [{"SecurityScheme": ["integration"]}]}},
                   "/api/contacts/{id}/merge": {
                     "parameters": [{"name": "id", "in": "path"}],
                     "post": {"security": [{"SecurityScheme": ["supervisor"]}]}},
                   "/q/health": {"get": {}}}}
                """)).isEmpty();
    }

    @Test
    void everyFaultyOperationIsListed() {
        List<String> problems = OpenApiDeclarations.problems("""
                {"openapi": "3.1.0",
                 "paths": {
                   "/api/contacts": {
                     "get": {"security": [{"SecurityScheme": ["operator"]}]},
                     "post": {"summary": "no security at all"},
                     "delete": {"security": []}},
                   "/api/lookup": {
                     "get": {"security": [{"SecurityScheme": ["operator", "superuser"]}]}},
                   "/api/exports": {
                     "post": {"security": [{}]},
                     "get": {"security": [{"SecurityScheme": ["supervisor"]}, {"SecurityScheme": []}]}}}}
                """);

        assertThat(problems).containsExactlyInAnyOrder(
                "POST /api/contacts: no security requirement, so no declared role",
                "DELETE /api/contacts: no security requirement, so no declared role",
                "GET /api/lookup: roles [superuser] are not roles of PRODUCT.md "
                        + "[admin, analyst, integration, operator, privacy-officer, supervisor]",
                "POST /api/exports: an empty security requirement lets anonymous callers in",
                "GET /api/exports: a security requirement without roles lets any authenticated caller in");
    }

    @Test
    void theDocumentsOwnSecurityCountsForOperationsWithoutTheirs() {
        assertThat(OpenApiDeclarations.problems("""
                {"security": [{"SecurityScheme": ["admin"]}],
                 "paths": {"/api/audit/verify": {"get": {}}}}
                """)).isEmpty();
    }

    @Test
    void aDocumentWithoutApiOperationsIsAProblemNotAPass() {
        assertThat(OpenApiDeclarations.problems("""
                {"paths": {"/q/health": {"get": {}}}}
                """)).containsExactly("the document lists no /api/ operation at all");
    }
}
