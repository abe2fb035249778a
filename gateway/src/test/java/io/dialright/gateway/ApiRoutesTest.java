package io.dialright.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiRoutesTest {

    @Test
    void logAreaStopsBeforeSegmentsThatMayHoldPhoneNumbers() {
        assertThat(ApiRoutes.area("/api/stop-list/+79160000000")).isEqualTo("/api/stop-list/…");
        assertThat(ApiRoutes.area("/api/contacts")).isEqualTo("/api/contacts");
        assertThat(ApiRoutes.area("/api")).isEqualTo("/api");
        assertThat(ApiRoutes.area("/api/lookup?number=%2B79160000000")).isEqualTo("/api/lookup?…");
    }
}
