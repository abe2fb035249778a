package io.dialright.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void saneClientIdIsKept() {
        assertThat(RequestIds.fromClientOrNew(List.of("abc-123_x.y"))).isEqualTo("abc-123_x.y");
    }

    @Test
    void missingIdIsGenerated() {
        assertThat(UUID.fromString(RequestIds.fromClientOrNew(List.of()))).isNotNull();
    }

    @Test
    void unsafeOrOverlongOrRepeatedIdsAreReplaced() {
        assertThat(RequestIds.fromClientOrNew(List.of("a b"))).isNotEqualTo("a b");
        assertThat(RequestIds.fromClientOrNew(List.of("line\nbreak"))).doesNotContain("\n");
        assertThat(RequestIds.fromClientOrNew(List.of("x".repeat(65)))).hasSize(36);
        assertThat(RequestIds.fromClientOrNew(List.of("x".repeat(64)))).isEqualTo("x".repeat(64));
        assertThat(RequestIds.fromClientOrNew(List.of("one", "two"))).isNotIn("one", "two");
    }
}
