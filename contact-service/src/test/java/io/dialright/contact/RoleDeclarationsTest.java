package io.dialright.contact;

import io.dialright.testsupport.JwtResource;
import io.dialright.testsupport.KafkaResource;
import io.dialright.testsupport.OpenApiDeclarations;
import io.dialright.testsupport.PostgresResource;
import io.dialright.testsupport.SecretsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Deny by default, as published: every /api/ operation of the OpenAPI document names its roles, all of PRODUCT.md. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "contact"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(SecretsResource.class)
@QuarkusTestResource(EncryptionKeysResource.class)
class RoleDeclarationsTest {

    @Test
    void everyApiOperationDeclaresRolesOfTheProduct() {
        OpenApiDeclarations.assertEveryApiOperationDeclaresRoles();
    }
}
