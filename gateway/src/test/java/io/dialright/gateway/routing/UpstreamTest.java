package io.dialright.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;

class UpstreamTest {

    @Test
    void httpUrlGivesHostAndPort() {
        assertThat(Upstream.of(Service.CONTACT, URI.create("http://contact-service:8081")))
                .isEqualTo(new Upstream(Service.CONTACT, "contact-service", 8081, false));
    }

    @Test
    void httpsWithoutPortUses443() {
        assertThat(Upstream.of(Service.AUDIT, URI.create("https://audit.internal/")))
                .isEqualTo(new Upstream(Service.AUDIT, "audit.internal", 443, true));
    }

    @Test
    void urlWithPathIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> Upstream.of(Service.DIALER, URI.create("http://dialer:8083/base")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dialright.gateway.services.dialer");
    }

    @Test
    void urlWithoutSchemeIsRejected() {
        assertThatThrownBy(() -> Upstream.of(Service.CONSENT, URI.create("consent-service:8082")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http or https");
    }
}
