package io.dialright.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenApiDocumentsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"openapi\":\"3.1.0\"}",
            "{\"openapi\":\"3.0.3\",\"paths\":{\"/api/a\":{}},\"components\":{\"schemas\":{\"A\":true}}}"})
    void openApi3DocumentsAreRead(String body) {
        assertThat(OpenApiDocuments.read(Buffer.buffer(body)).getString("openapi")).startsWith("3.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "openapi: 3.1.0                                                | not a JSON object",
            "[1,2]                                                         | not a JSON object",
            "{\"swagger\":\"2.0\"}                                         | not a 3.x version",
            "{\"openapi\":3.1}                                             | not a 3.x version",
            "{\"openapi\":\"3.1.0\",\"paths\":[]}                          | \"paths\" is not an object",
            "{\"openapi\":\"3.1.0\",\"paths\":{\"/a\":1}}                  | not an object: /a",
            "{\"openapi\":\"3.1.0\",\"components\":{\"schemas\":[]}}       | \"components.schemas\" is not an object",
            "{\"openapi\":\"3.1.0\",\"components\":{\"securitySchemes\":{\"a\":1}}} | not an object: a"})
    void documentsTheMergeCannotUseAreRefusedWithTheReason(String body, String reason) {
        assertThatThrownBy(() -> OpenApiDocuments.read(Buffer.buffer(body)))
                .isInstanceOf(OpenApiDocuments.UnreadableDocument.class)
                .hasMessageContaining(reason);
    }
}
