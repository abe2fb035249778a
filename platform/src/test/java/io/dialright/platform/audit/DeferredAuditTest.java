package io.dialright.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.dialright.platform.events.Actor;
import org.junit.jupiter.api.Test;

/** The queue's bound as an event-loop thread meets it: {@code offer} refuses instead of writing. */
class DeferredAuditTest {

    private static final Actor TELEPHONY = new Actor("pbx-1", "integration", null);

    @Test
    void offerQueuesUpToTheLimitAndThenRefusesWithoutWriting() {
        // No recorder: a write would fail, so every answer below was given without one.
        DeferredAudit audit = new DeferredAudit("lookup", null);
        for (int i = 0; i < DeferredAudit.MAX_WAITING; i++) {
            assertThat(audit.offer(TELEPHONY, "LOOKUP", null, "hash-" + i, Map.of("found", false))).isTrue();
        }

        assertThat(audit.offer(TELEPHONY, "LOOKUP", null, "one-too-many", Map.of("found", false))).isFalse();
        assertThat(audit.waiting()).isEqualTo(DeferredAudit.MAX_WAITING);
    }
}
