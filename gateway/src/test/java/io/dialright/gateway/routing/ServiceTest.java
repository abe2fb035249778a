package io.dialright.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceTest {

    @Test
    void prefixItselfAndPathsBelowItAreOwned() {
        assertThat(Service.CONTACT.owns("/api/contacts")).isTrue();
        assertThat(Service.CONTACT.owns("/api/contacts/")).isTrue();
        assertThat(Service.CONTACT.owns("/api/contacts/42/merge")).isTrue();
        assertThat(Service.CONSENT.owns("/api/stop-list/+79160000000")).isTrue();
        assertThat(Service.AUDIT.owns("/api/audit/verify")).isTrue();
    }

    @Test
    void prefixMatchesOnlyOnSegmentBoundary() {
        assertThat(Service.CONTACT.owns("/api/contactsX")).isFalse();
        assertThat(Service.CONTACT.owns("/api/contacts-archive")).isFalse();
        assertThat(Service.AUDIT.owns("/api/auditors")).isFalse();
        assertThat(Service.CONSENT.owns("/api/consent")).isFalse();
    }

    @Test
    void consentTemplatesBelongToConsentNotContact() {
        assertThat(Service.CONSENT.owns("/api/consent-templates/1")).isTrue();
        assertThat(Service.CONSENT.owns("/api/consents/1")).isTrue();
        assertThat(Service.CONTACT.owns("/api/consent-templates/1")).isFalse();
    }

    @Test
    void noPrefixIsClaimedByTwoServices() {
        for (Service a : Service.values()) {
            for (Service b : Service.values()) {
                if (a != b) {
                    for (String prefix : a.prefixes()) {
                        assertThat(b.owns(prefix)).as(prefix + " claimed by " + b).isFalse();
                    }
                }
            }
        }
    }
}
