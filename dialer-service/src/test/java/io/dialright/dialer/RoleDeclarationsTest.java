package io.dialright.dialer;

import io.dialright.testsupport.OpenApiDeclarations;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Deny by default, as published: every /api/ operation of the OpenAPI document names its roles, all of PRODUCT.md. */
@QuarkusTest
class RoleDeclarationsTest extends DialerScenarioTest {

    @Test
    void everyApiOperationDeclaresRolesOfTheProduct() {
        OpenApiDeclarations.assertEveryApiOperationDeclaresRoles();
    }
}
